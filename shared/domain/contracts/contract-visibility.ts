import { type SalesActor, seesAllDeals } from '#domain/sales/sales-ports';
import type { Contract } from './contract';

/**
 * Who sees a contract: admins and viewers all of them; a seller the
 * contracts of the deals they own or take part in, as the contract's deal
 * was when it was made (the commission split is fixed then, too).
 */
export const contractVisibleTo = (actor: SalesActor, contract: Pick<Contract, 'deal'>): boolean =>
  seesAllDeals(actor) ||
  contract.deal.ownerId === actor.userId ||
  contract.deal.participants.some((p) => p.userId === actor.userId);
