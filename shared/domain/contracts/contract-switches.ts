import type { JourneyService } from '#domain/energy/journey-service';
import type { CustomerJourney } from '#domain/energy/journey-stores';
import { todayIn } from '#domain/sales/offers/offer';
import type { TenantDirectory } from '#domain/tenant';
import type { Contract } from './contract';
import type { ContractSettingsService } from './contract-settings-service';
import { supplyStartDate } from './supply-start';

export interface ContractSwitchDeps {
  readonly tenants: TenantDirectory;
  readonly settings: Pick<ContractSettingsService, 'ofTenant'>;
  readonly journeys: Pick<JourneyService, 'open'>;
}

/** How long a switch's idempotency record outlives a redelivered `ContractSigned`. */
const rememberSeconds = 30 * 24 * 3600;

/**
 * The supplier switch a signed contract starts: one `supplier-switch`
 * journey per supply point, requested for the day the market of its
 * country allows after the signing day (or the later day the customer asked
 * for). A redelivered event opens nothing new: each journey's create is
 * idempotent on the contract and the supply point.
 */
export class ContractSwitches {
  constructor(private readonly deps: ContractSwitchDeps) {}

  async start(contract: Contract): Promise<CustomerJourney[]> {
    const [tenant, settings] = await Promise.all([
      this.deps.tenants.profile(contract.tenantId),
      this.deps.settings.ofTenant(contract.tenantId),
    ]);
    const signedOn = todayIn(new Date(contract.signedAt ?? contract.stateChangedAt), tenant.timeZone);
    const actor = { tenantId: contract.tenantId, userId: 'contract-switches' };
    const opened: CustomerJourney[] = [];
    for (const line of contract.lines) {
      const rule = settings.supplyStartRules.find((r) => r.country === line.country);
      const key = `${contract.id}:${line.supplyPointId}`;
      const { value } = await this.deps.journeys.open(
        actor,
        {
          type: 'supplier-switch',
          supplyPointId: line.supplyPointId,
          effectiveDate: supplyStartDate(rule, signedOn, contract.requestedStartDate),
          note: `Contract ${contract.number}`,
        },
        { operationId: 'contractSupplierSwitch', key, requestHash: key, retentionSeconds: rememberSeconds },
      );
      opened.push(value);
    }
    return opened;
  }
}
