import { type SalesActor, seesAllDeals } from '#domain/sales/sales-ports';
import type { Contract } from './contract';

/** The user owns the contract's deal or takes part in it, as the deal was when the contract was made. */
export const isContractMember = (actor: SalesActor, contract: Pick<Contract, 'deal'>): boolean =>
  contract.deal.ownerId === actor.userId || contract.deal.participants.some((p) => p.userId === actor.userId);

/**
 * Who sees a contract: admins and viewers all of them; a seller the
 * contracts of the deals they own or take part in (the commission split is
 * fixed when the contract is made, and so is who sees it).
 */
export const contractVisibleTo = (actor: SalesActor, contract: Pick<Contract, 'deal'>): boolean =>
  seesAllDeals(actor) || isContractMember(actor, contract);
