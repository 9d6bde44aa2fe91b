import { type InvalidField, ValidationError } from '#domain/errors';
import { diffFields, type FieldChange } from '#domain/events';
import { normaliseEmail } from '#domain/identifiers/email';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';
import type { TenantProfile } from '#domain/tenant';
import { userTextProblem } from '#domain/user-text';
import { type HtmlSanitiser, newsletterBody } from './newsletter-body';
import { type RecipientFilter, recipientFilterProblems } from './recipient-filter';
import type { Exclusion } from './recipient-review';
import type { PageLanguage } from './unsubscribe-page';

/**
 * A newsletter's life: a draft is edited and reviewed (its recipients
 * resolved into a snapshot); a reviewed one is sent now (sending) or at a
 * time (scheduled); sending can be paused and resumed; it ends sent, or
 * cancelled on the way.
 */
export const newsletterStatuses = [
  'draft',
  'reviewed',
  'scheduled',
  'sending',
  'paused',
  'sent',
  'cancelled',
] as const;
export type NewsletterStatus = (typeof newsletterStatuses)[number];

export const newsletterFormats = ['html', 'text'] as const;

/** What a user writes (R-NL-1). */
export interface NewsletterContent {
  readonly senderName: string;
  /** One of the tenant's verified sender identities. */
  readonly senderAddress: string;
  readonly subject: string;
  readonly subheading?: string;
  readonly format: (typeof newsletterFormats)[number];
  /** HTML as sanitised (what is sent), or plain text. */
  readonly body: string;
  readonly language: PageLanguage;
  readonly filter: RecipientFilter;
  /** Whether the body ends with a link to the unsubscribe page; the List-Unsubscribe headers are always sent. */
  readonly unsubscribeLink: boolean;
}

/** The recipient snapshot a review made: what gets sent. */
export interface NewsletterReview {
  readonly id: string;
  readonly at: string;
  readonly by: string;
  /** Contacts the filter found. */
  readonly matched: number;
  /** Recipients in the snapshot (selected or deselected). */
  readonly recipients: number;
  readonly deselected: number;
  readonly pages: number;
  readonly leftOut: Readonly<Record<Exclusion, number>>;
}

export interface Newsletter extends NewsletterContent, Stamps {
  readonly status: NewsletterStatus;
  /** True when sanitising removed something the user wrote. */
  readonly sanitised: boolean;
  readonly review?: NewsletterReview;
  /** When a scheduled send starts. */
  readonly sendAt?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

/**
 * A newsletter without its body, as its events and lists carry it: a body
 * may be 200 KB, an event may not (EventBridge takes 256 KB an entry).
 */
export type NewsletterSummary = Omit<Newsletter, 'body'> & { readonly bodyLength: number };

export const summaryOf = ({ body, ...rest }: Newsletter): NewsletterSummary => ({
  ...rest,
  bodyLength: body.length,
});

/** The most a body may take, in UTF-8 bytes: the newsletter and its idempotency record must fit DynamoDB's 400 KB. */
export const maxBodyBytes = 200_000;

export type NewsletterDraft = Omit<NewsletterContent, 'format' | 'unsubscribeLink' | 'language'> &
  Partial<Pick<NewsletterContent, 'format' | 'unsubscribeLink' | 'language'>>;
export type NewsletterPatch = Partial<Omit<NewsletterContent, 'subheading'>> & {
  readonly subheading?: string | null;
};

/** A sender address the tenant may send from: one of its verified identities. */
export type SenderCheck = (normalisedAddress: string) => boolean;

/**
 * The tenant's verified sender identities: its e-mail sender's address, and
 * any address of that address's domain (SES verifies a domain identity for
 * every address in it).
 */
export function verifiedSenders(tenant: TenantProfile): SenderCheck {
  const sender = tenant.emailSender?.address.toLowerCase();
  const domain = sender?.split('@')[1];
  return (address) => address === sender || (domain !== undefined && address.split('@')[1] === domain);
}

const limits = { senderName: 100, subject: 200, subheading: 300, body: maxBodyBytes } as const;

const trackedFields = [
  'senderName',
  'senderAddress',
  'subject',
  'subheading',
  'format',
  'body',
  'language',
  'filter',
  'unsubscribeLink',
] as const satisfies readonly (keyof NewsletterContent)[];

function text(
  problems: InvalidField[],
  name: keyof typeof limits,
  value: string | undefined,
  required: boolean,
) {
  const trimmed = value?.trim() ?? '';
  if (required && trimmed.length === 0) problems.push({ name, reason: 'must not be blank' });
  if (trimmed.length > limits[name]) problems.push({ name, reason: `at most ${limits[name]} characters` });
  return trimmed;
}

/** The content checked and made safe: trimmed texts, a verified sender, a filter that names someone, sanitised HTML. */
function checked(
  content: NewsletterContent,
  isVerifiedSender: SenderCheck,
  sanitiser: HtmlSanitiser,
): { content: NewsletterContent; sanitised: boolean } {
  const problems: InvalidField[] = [];
  const senderName = text(problems, 'senderName', content.senderName, true);
  const subject = text(problems, 'subject', content.subject, true);
  const subheading = text(problems, 'subheading', content.subheading, false);
  const written = text(problems, 'body', content.body, true);
  const address = normaliseEmail(content.senderAddress ?? '');
  if (!address.ok) problems.push({ name: 'senderAddress', reason: 'not an e-mail address' });
  else if (!isVerifiedSender(address.value))
    problems.push({ name: 'senderAddress', reason: 'not one of the tenant’s verified sender identities' });
  problems.push(...recipientFilterProblems(content.filter));
  if (new TextEncoder().encode(written).length > maxBodyBytes)
    problems.push({ name: 'body', reason: `at most ${maxBodyBytes} bytes in UTF-8` });
  if (problems.length > 0) throw new ValidationError(problems);
  const html = content.format === 'html' ? newsletterBody(written, sanitiser) : undefined;
  if (html && html.text.trim().length === 0)
    throw new ValidationError([
      { name: 'body', reason: 'nothing is left to send once scripts and forms are removed' },
    ]);
  // Sanitising decodes entities and writes tags out in full: what is stored must pass the same rules.
  const kept = html ? html.html : written;
  const keptProblem =
    new TextEncoder().encode(kept).length > maxBodyBytes
      ? `at most ${maxBodyBytes} bytes in UTF-8 once sanitised`
      : userTextProblem(kept, 'multiline');
  if (keptProblem) throw new ValidationError([{ name: 'body', reason: keptProblem }]);
  return {
    content: {
      ...content,
      senderName,
      senderAddress: address.ok ? address.value : '',
      subject,
      ...(subheading ? { subheading } : { subheading: undefined }),
      body: html ? html.html : written,
    },
    sanitised: html?.changed ?? false,
  };
}

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export function createNewsletter(
  id: string,
  draft: NewsletterDraft,
  ctx: ChangeContext,
  isVerifiedSender: SenderCheck,
  sanitiser: HtmlSanitiser,
  defaultLanguage: PageLanguage,
): Newsletter {
  const { content, sanitised } = checked(
    {
      ...draft,
      format: draft.format ?? 'html',
      unsubscribeLink: draft.unsubscribeLink ?? true,
      language: draft.language ?? defaultLanguage,
    },
    isVerifiedSender,
    sanitiser,
  );
  return withoutUndefined({ ...content, ...createdStamps(id, ctx), status: 'draft', sanitised });
}

/** Only drafts and reviewed newsletters change; one that is scheduled, sending or done does not. */
export const isEditable = (n: Pick<Newsletter, 'status'>) => n.status === 'draft' || n.status === 'reviewed';

/**
 * The newsletter after a patch. A new filter drops the review (its snapshot
 * was made from the old one): the newsletter is a draft again.
 */
export function updateNewsletter(
  current: Newsletter,
  patch: NewsletterPatch,
  ctx: ChangeContext,
  isVerifiedSender: SenderCheck,
  sanitiser: HtmlSanitiser,
): { newsletter: Newsletter; changes: FieldChange[] } {
  const merged: NewsletterContent = {
    ...(Object.fromEntries(trackedFields.map((f) => [f, current[f]])) as unknown as NewsletterContent),
    ...withoutUndefined(patch),
    ...(patch.subheading === null ? { subheading: undefined } : {}),
  } as NewsletterContent;
  const { content, sanitised } = checked(merged, isVerifiedSender, sanitiser);
  // The history says the body changed and how long it is, not what it says: events stay small.
  const changes = diffFields<NewsletterContent>(current, content, trackedFields).map((c) =>
    c.field === 'body'
      ? { field: 'body', from: { length: current.body.length }, to: { length: content.body.length } }
      : c,
  );
  const filterChanged = changes.some((c) => c.field === 'filter');
  const { review: _dropped, ...rest } = current;
  const next: Newsletter = withoutUndefined({
    ...(filterChanged ? rest : current),
    ...content,
    // The stored body is sanitised already: sanitising it again finds nothing to say.
    sanitised: content.body === current.body ? current.sanitised : sanitised,
    status: filterChanged ? 'draft' : current.status,
  });
  return { newsletter: touched(next, ctx), changes };
}

/** The newsletter moved to `status` by the context's user, with what else the move sets. */
export function moved(
  current: Newsletter,
  status: NewsletterStatus,
  ctx: ChangeContext,
  extra: Partial<Pick<Newsletter, 'review' | 'sendAt' | 'startedAt' | 'finishedAt'>> = {},
): Newsletter {
  return touched({ ...current, ...extra, status }, ctx);
}
