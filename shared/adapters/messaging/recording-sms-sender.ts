import type { OutgoingSms, SmsSender } from '#domain/messaging/sms-sender';

export interface RecordedSms {
  readonly messageId: string;
  readonly from?: string;
  readonly to: string;
  readonly body: string;
  readonly tags: Readonly<Record<string, string>>;
  /** ISO 8601. */
  readonly at: string;
}

/**
 * The local SMS sender: sends nothing, keeps every message in memory, in
 * the order sent. The local runtime shows them (`GET /local/sms`) and tests
 * read them. One recorder per process ({@link localSmsRecorder}), because
 * the local runtime loads the functions in its own process.
 */
export class RecordingSmsSender implements SmsSender {
  readonly sent: RecordedSms[] = [];
  private sequence = 0;

  async send(sms: OutgoingSms): Promise<{ messageId: string }> {
    this.sequence += 1;
    const messageId = `local-sms-${String(this.sequence).padStart(6, '0')}`;
    this.sent.push({
      messageId,
      ...(sms.from ? { from: sms.from } : {}),
      to: sms.to,
      body: sms.body,
      tags: { ...sms.tags },
      at: new Date().toISOString(),
    });
    return { messageId };
  }

  /** The messages sent to one number, or all of them. */
  messages(filter: { readonly to?: string } = {}): RecordedSms[] {
    return this.sent.filter((m) => filter.to === undefined || m.to === filter.to);
  }

  clear(): void {
    this.sent.length = 0;
  }
}

/** The process's recorder: what `SMS_SENDER=local` sends through. */
export const localSmsRecorder = new RecordingSmsSender();

/**
 * The answer of the local runtime's `GET /local/sms[?to=+46…]`:
 * `{ "messages": [{ messageId, from?, to, body, tags, at }] }`, oldest first.
 */
export function recordedSmsResponse(
  recorder: RecordingSmsSender,
  query: URLSearchParams,
): { status: number; body: { messages: RecordedSms[] } } {
  // An unencoded `+` arrives as a space; every E.164 number starts with `+`.
  const given = query.get('to')?.trim();
  const to = given ? `+${given.replace(/^\+/, '')}` : undefined;
  return { status: 200, body: { messages: recorder.messages(to === undefined ? {} : { to }) } };
}
