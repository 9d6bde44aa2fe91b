import { changesAllDeals, type SalesActor, seesAllDeals } from '#domain/sales/sales-ports';
import { type Deal, isDealMember } from './deal';

type Members = Pick<Deal, 'ownerId' | 'participants'>;

/** Admins and viewers see every deal; everyone else the deals they own or take part in. */
export const dealVisibleTo = (actor: SalesActor, deal: Members): boolean =>
  seesAllDeals(actor) || isDealMember(deal, actor.userId);

/** Admins change every deal; everyone else only the deals they own or take part in. */
export const dealChangeableBy = (actor: SalesActor, deal: Members): boolean =>
  changesAllDeals(actor) || isDealMember(deal, actor.userId);
