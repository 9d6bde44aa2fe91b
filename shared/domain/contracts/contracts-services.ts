import type { ContractIntake } from './contract-intake';
import type { ContractPrintBatches } from './contract-print-batches';
import type { ContractService } from './contract-service';
import type { ContractSettingsService } from './contract-settings-service';
import type { ContractSigning } from './contract-signing';
import type { ContractSwitches } from './contract-switches';

/** The contracts module's services, as the composition root wires them. */
export interface ContractsServices {
  readonly contracts: ContractService;
  readonly intake: ContractIntake;
  readonly signing: ContractSigning;
  readonly settings: ContractSettingsService;
  readonly switches: ContractSwitches;
  readonly printBatches: ContractPrintBatches;
}
