import type { Contact } from '#domain/accounts/contact';
import type { MergedContactReferences } from '#domain/accounts/contact-merge-follow-up';
import { VersionMismatchError } from '#domain/errors';
import type { IdGenerator } from '#domain/ports';
import { type ChangeContext, touched } from '#domain/stamps';
import type { DealStore, DealsOfContact } from '../stores';
import { newDealEvent } from './deal-events';

/** Deals read per page of the account's collection. */
const pageSize = 100;
/** Tries of one deal that an edit keeps changing under the follow-up. */
const attempts = 3;

/**
 * The deals that name a merged contact, made the survivor's (ADR 0032): an
 * ordinary `DealUpdated` of `contactId` each, versioned, so the forecast,
 * the history and every other reader of deal events learn it the usual way.
 * A deal names a contact of its account, so they are found in the loser's
 * account's collection; one that already names the survivor is left, so a
 * redelivery or a concurrent run changes each deal once.
 */
export class MergedContactDeals implements MergedContactReferences {
  constructor(
    private readonly deps: {
      readonly deals: Pick<DealStore, 'get' | 'update'>;
      readonly ofContact: DealsOfContact;
      readonly ids: IdGenerator;
    },
  ) {}

  async repoint(ctx: ChangeContext, loser: Contact, survivorId: string): Promise<void> {
    if (!loser.accountId) return;
    let cursor: string | undefined;
    do {
      const page = await this.deps.ofContact.inAccount(loser.tenantId, loser.accountId, loser.id, {
        limit: pageSize,
        cursor,
      });
      for (const deal of page.items) await this.repointDeal(ctx, deal.id, loser.id, survivorId);
      cursor = page.nextCursor;
    } while (cursor);
  }

  private async repointDeal(ctx: ChangeContext, dealId: string, loserId: string, survivorId: string) {
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.deals.get(ctx.tenant.id, dealId);
      if (current?.contactId !== loserId) return;
      const deal = { ...touched(current, ctx), contactId: survivorId };
      const event = newDealEvent(this.deps, ctx, 'DealUpdated', {
        subject: { type: 'deal', id: deal.id, accountId: deal.accountId },
        data: { deal, previous: current },
        changes: [{ field: 'contactId', from: loserId, to: survivorId }],
      });
      try {
        await this.deps.deals.update(current, deal, event);
        return;
      } catch (error) {
        // Changed since it was read (an edit, or a concurrent run): read it again.
        if (!(error instanceof VersionMismatchError) || attempt >= attempts) throw error;
      }
    }
  }
}
