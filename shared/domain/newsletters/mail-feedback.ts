import { campaignCodeOfLink } from '#domain/campaigns/campaign-links';
import type { CampaignTotalsWriter } from '#domain/campaigns/campaign-stores';
import type { ConsentWithdrawal } from './consent-withdrawal';
import { type MailEvent, readMailEvent } from './ses-feedback';
import type { FeedbackCounter, SendRecordStore, SuppressionStore } from './stores';

export interface FeedbackDeps {
  readonly suppressions: Pick<SuppressionStore, 'add'>;
  readonly withdrawal: Pick<ConsentWithdrawal, 'withdraw'>;
  readonly records: Pick<SendRecordStore, 'countFeedback'>;
  readonly campaigns: Pick<CampaignTotalsWriter, 'click'>;
}

/** A mail event SES sent that is not one: the consumer sends it to the dead-letter queue. */
export class UnreadableMailEvent extends Error {
  constructor(reason: string) {
    super(`not an SES event record: ${reason}`);
    this.name = 'UnreadableMailEvent';
  }
}

const counters: Partial<Record<MailEvent['feedback']['kind'], FeedbackCounter>> = {
  delivery: 'delivered',
  open: 'opened',
  click: 'clicked',
  complaint: 'complained',
};

/**
 * What SES reports of sent mail (R-NL-3): a permanent bounce or a complaint
 * puts each address on the tenant's suppression list and withdraws the
 * contact's consent, with SES's reason; deliveries, opens and clicks of a
 * newsletter's mail are counted on it, once per event. A click of a link
 * with a `utm_campaign` is also the awareness of that campaign (ADR 0031),
 * counted once per contact. The mail's tags say
 * whose it is; a mail without a tenant tag is not Gridline's, and a test
 * mail is the user's own: both are left.
 */
export class MailFeedbackRecorder {
  constructor(private readonly deps: FeedbackDeps) {}

  async record(eventId: string, detail: unknown, at: Date): Promise<void> {
    const read = readMailEvent(detail);
    if (!read.ok) throw new UnreadableMailEvent(read.reason);
    const { tags, feedback } = read.event;
    const tenantId = tags.tenant;
    if (!tenantId || tags.test === 'true') return;
    const newsletterId = tags.newsletter;
    const contactId = tags.contact;
    const suppressing =
      (feedback.kind === 'bounce' && feedback.permanent) || feedback.kind === 'complaint'
        ? feedback
        : undefined;
    if (suppressing) {
      const reason = suppressing.kind === 'bounce' ? 'bounce' : 'complaint';
      for (const email of suppressing.recipients) {
        await this.deps.suppressions.add({
          tenantId,
          email,
          reason,
          detail: suppressing.reason,
          at: at.toISOString(),
          ...(newsletterId ? { newsletterId } : {}),
          ...(contactId ? { contactId } : {}),
        });
      }
      if (contactId)
        await this.deps.withdrawal.withdraw(tenantId, contactId, {
          source: reason,
          reason: suppressing.reason,
          ...(newsletterId ? { newsletterId } : {}),
        });
    }
    const counter = suppressing?.kind === 'bounce' ? 'bounced' : counters[feedback.kind];
    if (newsletterId && counter)
      await this.deps.records.countFeedback(tenantId, newsletterId, eventId, counter);
    const campaign = feedback.kind === 'click' ? campaignCodeOfLink(feedback.link) : undefined;
    if (newsletterId && campaign)
      await this.deps.campaigns.click(
        tenantId,
        campaign,
        contactId ? `contact:${contactId}` : `event:${eventId}`,
      );
  }
}
