/** A plain-text RFC 5322 message as a mail client sends it; `from` undefined leaves the From header out. */
export function rawMail(fields: {
  readonly from?: string;
  readonly to: string;
  readonly subject: string;
  readonly messageId: string;
  readonly text: string;
  readonly inReplyTo?: string;
  readonly references?: string;
  readonly extra?: readonly string[];
}): string {
  return [
    ...(fields.from ? [`From: ${fields.from}`] : []),
    `To: ${fields.to}`,
    `Subject: ${fields.subject}`,
    `Message-ID: <${fields.messageId}>`,
    'Date: Fri, 04 Dec 2026 09:15:00 +0100',
    ...(fields.inReplyTo ? [`In-Reply-To: <${fields.inReplyTo}>`] : []),
    ...(fields.references ? [`References: ${fields.references}`] : []),
    ...(fields.extra ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    fields.text,
    '',
  ].join('\r\n');
}
