import type { Contract } from './contract';
import type { ContractSettings } from './contract-settings';
import type { DueEntry } from './contract-store';
import { plusDays } from './supply-start';

const entry = (contract: Contract, kind: DueEntry['kind'], due: string): DueEntry => ({
  kind,
  due,
  tenantId: contract.tenantId,
  contractId: contract.id,
});

/** A sent contract is looked at by the re-check job from `recheckAfterDays` after it was sent. */
export const recheckEntry = (contract: Contract, sentOn: string, settings: ContractSettings): DueEntry =>
  entry(contract, 'RECHECK', plusDays(sentOn, settings.recheckAfterDays));

/**
 * A fixed-term contract's renewal (the notice window before its last day)
 * and its end (the day after its last day); none for an indefinite term or
 * an end not known yet.
 */
export function termEntries(
  contract: Contract,
  settings: Pick<ContractSettings, 'renewalNoticeDays'>,
): DueEntry[] {
  if (contract.term.kind !== 'fixed' || contract.term.endDate === undefined) return [];
  const last = contract.term.endDate;
  return [
    entry(contract, 'RENEWAL', plusDays(last, -settings.renewalNoticeDays)),
    entry(contract, 'END', plusDays(last, 1)),
  ];
}
