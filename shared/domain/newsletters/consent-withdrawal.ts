import { newAccountEvent } from '#domain/accounts/account-events';
import type { ContactStore } from '#domain/accounts/stores';
import { VersionMismatchError } from '#domain/errors';
import type { ServiceDeps } from '#domain/service-context';
import { touched } from '#domain/stamps';
import { type ConsentHow, consentChange } from './consent-change';
import { newNewsletterEvent } from './newsletter-events';
import type { ConsentStore } from './stores';

export interface WithdrawalDeps extends ServiceDeps {
  readonly contacts: Pick<ContactStore, 'get'>;
  readonly consent: ConsentStore;
}

/** Who withdrew it, in the contact's history: the customer through a link, or SES's report. */
const actorOf = (how: ConsentHow) =>
  how.source === 'bounce' || how.source === 'complaint' ? 'system:ses' : 'system:unsubscribe';

/** Attempts when a user's edit of the contact lands between the read and the write. */
const attempts = 3;

/**
 * Withdraws a contact's newsletter consent (R-NL-3): the contact changed,
 * its consent history entry and the events, in one transaction. A contact
 * without consent, deleted or unknown is left as it is, so a second
 * unsubscribe or a redelivered bounce changes nothing.
 */
export class ConsentWithdrawal {
  constructor(private readonly deps: WithdrawalDeps) {}

  async withdraw(tenantId: string, contactId: string, how: ConsentHow): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.contacts.get(tenantId, contactId);
      if (!current || current.deletedAt !== undefined || !current.newsletterConsent) return false;
      const ctx = {
        tenant: await this.deps.tenants.profile(tenantId),
        userId: actorOf(how),
        now: this.deps.clock.now(),
      };
      // Only the consent changes. Not through `updateContact`: the other fields were normalised when
      // written, and its normalisation would load phone parsing into functions that never read a phone.
      const contact = touched(
        { ...current, categoryIds: current.categoryIds ?? [], newsletterConsent: false },
        ctx,
      );
      const changes = [{ field: 'newsletterConsent', from: true, to: false }];
      const change = consentChange(contactId, true, false, how, ctx.now);
      if (!change) return false;
      const subject = {
        type: 'contact' as const,
        id: contactId,
        ...(contact.accountId ? { accountId: contact.accountId } : {}),
      };
      const events = [
        newAccountEvent(this.deps, ctx, 'ContactUpdated', { subject, changes, data: { contact } }),
        newNewsletterEvent(this.deps, ctx, 'NewsletterConsentWithdrawn', {
          subject,
          data: {
            contactId,
            source: how.source,
            ...(how.newsletterId ? { newsletterId: how.newsletterId } : {}),
            ...(how.reason ? { reason: how.reason } : {}),
          },
        }),
      ];
      try {
        await this.deps.consent.withdraw(current, contact, change, events);
        return true;
      } catch (error) {
        if (!(error instanceof VersionMismatchError) || attempt >= attempts) throw error;
      }
    }
  }
}
