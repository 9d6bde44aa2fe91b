import type { Stamps } from '#domain/stamps';
import type { CaseChannel, CasePriority } from './service-settings';
import type { SlaTarget, SlaTargetName } from './sla-clock';

export const caseStatuses = [
  'new',
  'open',
  'waiting-on-customer',
  'waiting-on-third-party',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Statuses in which a case is still someone's work: it sits in a queue and its clocks run or pause. */
export const openStatuses: ReadonlySet<CaseStatus> = new Set([
  'new',
  'open',
  'waiting-on-customer',
  'waiting-on-third-party',
]);
export const isOpen = (status: CaseStatus) => openStatuses.has(status);

/** The status that stops the clocks: the customer has to answer (R-CS-3). */
export const pausingStatus: CaseStatus = 'waiting-on-customer';

/** The four one-off schedules of a case's clocks. */
export const caseTimerNames = [
  'firstResponse-warning',
  'firstResponse-breach',
  'resolution-warning',
  'resolution-breach',
] as const;
export type CaseTimerName = (typeof caseTimerNames)[number];

export const targetOfTimer = (name: CaseTimerName): SlaTargetName =>
  name.startsWith('firstResponse') ? 'firstResponse' : 'resolution';

/** The clocks of a case: the policy they follow and one target each for the first response and the resolution. */
export interface CaseSla {
  readonly supportLevelId: string;
  readonly priority: CasePriority;
  readonly calendarId: string;
  readonly warnAtBasisPoints: number;
  readonly firstResponse: SlaTarget;
  readonly resolution: SlaTarget;
  /** When each timer is planned to fire (ISO); a timer firing at another time is stale. */
  readonly timers: Partial<Readonly<Record<CaseTimerName, string>>>;
  /** Timers that have fired and been acted on: each acts at most once. */
  readonly fired: readonly CaseTimerName[];
}

/** Who wrote in when no contact was known. */
export interface Requester {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
}

/** A social conversation a case follows: replies from the same sender on the same page land in it. */
export interface CaseConversation {
  readonly key: string;
}

export interface Case extends Stamps {
  /** Per tenant, from 1, without gaps; shown as `C-<number>`. */
  readonly number: number;
  readonly subject: string;
  readonly description: string;
  /** A code of the tenant's case types. */
  readonly type?: string;
  readonly priority: CasePriority;
  readonly channel: CaseChannel;
  readonly status: CaseStatus;
  readonly statusChangedAt: string;
  readonly accountId?: string;
  readonly contactId?: string;
  readonly supplyPointId?: string;
  readonly requester?: Requester;
  readonly ownerId?: string;
  /** The team (user group) whose queue holds the case. */
  readonly teamId?: string;
  /** The routing rule that chose the team, when one did. */
  readonly routedBy?: string;
  readonly tags: readonly string[];
  readonly sla: CaseSla;
  readonly conversation?: CaseConversation;
  readonly firstRespondedAt?: string;
  readonly resolvedAt?: string;
  readonly closedAt?: string;
  readonly reopenCount: number;
  readonly messageCount: number;
  readonly lastMessageAt?: string;
}

export const caseLabel = (number: number) => `C-${number}`;

export const messageKinds = ['inbound', 'outbound', 'note'] as const;
export type MessageKind = (typeof messageKinds)[number];

export interface MessageAttachment {
  readonly attachmentId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

/** One entry of a case's thread: what the customer wrote, what we answered, or an internal note. */
export interface CaseMessage {
  readonly id: string;
  readonly tenantId: string;
  readonly caseId: string;
  readonly kind: MessageKind;
  readonly channel: CaseChannel;
  readonly at: string;
  /** The user who wrote an outbound message or note. */
  readonly authorId?: string;
  /** The sender of an inbound message (an address, a phone, a social id) and its display name. */
  readonly from?: string;
  readonly fromName?: string;
  readonly to?: string;
  readonly subject?: string;
  readonly text: string;
  /** Where the whole inbound mail is kept in the files bucket (its text here may be shortened). */
  readonly rawMailKey?: string;
  /** The mail's Message-ID, without angle brackets (inbound), or ours (outbound). */
  readonly mailMessageId?: string;
  /** The provider's id of a sent mail or a social message. */
  readonly providerMessageId?: string;
  /** An automatic mail (out of office, bulk): kept in the thread, but it never opens or reopens a case. */
  readonly automatic?: boolean;
  readonly attachments: readonly MessageAttachment[];
}

/** Where a status may go from each status; reopening is `resolved`/`closed` → `open`. */
const moves: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['open', 'waiting-on-customer', 'waiting-on-third-party', 'resolved', 'closed'],
  open: ['waiting-on-customer', 'waiting-on-third-party', 'resolved', 'closed'],
  'waiting-on-customer': ['open', 'waiting-on-third-party', 'resolved', 'closed'],
  'waiting-on-third-party': ['open', 'waiting-on-customer', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

export const canMove = (from: CaseStatus, to: CaseStatus) => moves[from].includes(to);
