import * as z from 'zod';

/**
 * What SES says happened to a sent mail (its event-publishing record, the
 * `detail` of an `aws.ses` event on the default bus), as newsletters use it:
 * permanent bounces and complaints suppress the address and withdraw
 * consent; deliveries, opens and clicks are counted. The mail's tags say
 * which tenant and newsletter it belongs to.
 */
export type MailFeedback =
  | {
      readonly kind: 'bounce';
      readonly permanent: boolean;
      readonly recipients: readonly string[];
      readonly reason: string;
    }
  | { readonly kind: 'complaint'; readonly recipients: readonly string[]; readonly reason: string }
  | { readonly kind: 'delivery'; readonly recipients: readonly string[] }
  | { readonly kind: 'open' }
  | { readonly kind: 'click'; readonly link: string }
  | { readonly kind: 'other'; readonly eventType: string };

export interface MailEvent {
  /** SES's id of the mail (not its Message-ID header). */
  readonly messageId: string;
  readonly sentAt: string;
  /** The message tags the mail was sent with, one value each. */
  readonly tags: Readonly<Record<string, string>>;
  readonly feedback: MailFeedback;
}

const address = z.string().min(3).max(320);
const record = z.object({
  eventType: z.string().min(1),
  mail: z.object({
    messageId: z.string().min(1),
    timestamp: z.string(),
    tags: z.record(z.string(), z.array(z.string())).default({}),
  }),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().default(''),
      bouncedRecipients: z.array(z.object({ emailAddress: address, diagnosticCode: z.string().optional() })),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(z.object({ emailAddress: address })),
      complaintFeedbackType: z.string().optional(),
    })
    .optional(),
  delivery: z.object({ recipients: z.array(address) }).optional(),
  click: z.object({ link: z.string() }).optional(),
});

const lower = (emails: readonly string[]) => emails.map((e) => e.trim().toLowerCase());

function feedbackOf(r: z.infer<typeof record>): MailFeedback | undefined {
  switch (r.eventType) {
    case 'Bounce':
      return (
        r.bounce && {
          kind: 'bounce',
          // Transient and Undetermined bounces may deliver later: only Permanent ones suppress.
          permanent: r.bounce.bounceType === 'Permanent',
          recipients: lower(r.bounce.bouncedRecipients.map((b) => b.emailAddress)),
          reason: [r.bounce.bounceType, r.bounce.bounceSubType].filter(Boolean).join('/'),
        }
      );
    case 'Complaint':
      return (
        r.complaint && {
          kind: 'complaint',
          recipients: lower(r.complaint.complainedRecipients.map((c) => c.emailAddress)),
          reason: r.complaint.complaintFeedbackType ?? 'complaint',
        }
      );
    case 'Delivery':
      return r.delivery && { kind: 'delivery', recipients: lower(r.delivery.recipients) };
    case 'Open':
      return { kind: 'open' };
    case 'Click':
      return r.click && { kind: 'click', link: r.click.link };
    default:
      return { kind: 'other', eventType: r.eventType };
  }
}

/** The event, or why it is not one SES sends: a consumer refuses it (to the dead-letter queue) instead of guessing. */
export function readMailEvent(
  detail: unknown,
): { readonly ok: true; readonly event: MailEvent } | { readonly ok: false; readonly reason: string } {
  const parsed = record.safeParse(detail);
  if (!parsed.success)
    return {
      ok: false,
      reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  const feedback = feedbackOf(parsed.data);
  if (!feedback)
    return {
      ok: false,
      reason: `a ${parsed.data.eventType} record without its ${parsed.data.eventType.toLowerCase()} part`,
    };
  const tags = Object.fromEntries(
    Object.entries(parsed.data.mail.tags).flatMap(([name, values]) =>
      values[0] === undefined ? [] : [[name, values[0]]],
    ),
  );
  return {
    ok: true,
    event: { messageId: parsed.data.mail.messageId, sentAt: parsed.data.mail.timestamp, tags, feedback },
  };
}
