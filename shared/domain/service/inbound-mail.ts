/**
 * An e-mail a customer sends to a service address, as the domain reads it,
 * and the rules that turn one away before it becomes a case or a case message.
 */

export interface InboundAttachment {
  /** Empty when the part names no file. */
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly content: Uint8Array;
  /** Shown in the body (a signature logo, a pasted screenshot) rather than attached. */
  readonly inline: boolean;
}

export interface InboundMail {
  /** Without angle brackets. */
  readonly messageId?: string;
  /** The address normalised (lower case); absent when the mail names no usable sender. */
  readonly from?: { readonly name: string; readonly address: string };
  /** Normalised addresses of To, Cc, Delivered-To and X-Original-To, each once. */
  readonly to: readonly string[];
  readonly subject: string;
  /** The text part, or the HTML part as plain text. */
  readonly text: string;
  /** A message id without angle brackets. */
  readonly inReplyTo?: string;
  /** Message ids without angle brackets, oldest first as the sender listed them. */
  readonly references: readonly string[];
  /** An out-of-office reply, a bounce or a mailing-list post: it must not be answered. */
  readonly autoReply: boolean;
  /** ISO 8601; absent when the Date header is missing or not a date. */
  readonly date?: string;
  readonly attachments: readonly InboundAttachment[];
}

/** Reads a raw RFC 5322 message. */
export interface MailParser {
  /** Throws MalformedMailError when `raw` is not an e-mail. */
  parse(raw: Uint8Array): Promise<InboundMail>;
}

export class MalformedMailError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedMailError';
  }
}

export type InboundRejectionReason = 'too-large' | 'malformed' | 'dangerous-attachment' | 'no-sender';

export interface InboundRejection {
  readonly reason: InboundRejectionReason;
  readonly detail: string;
}

/** The largest raw message taken in, headers and encoded attachments included. */
export const maxInboundMailBytes = 10 * 1024 * 1024;

/**
 * File types that run code when opened on the desktops and phones customers
 * and agents use: programs, scripts, installers, shortcuts, disk images and
 * Office files with macros.
 */
const dangerousExtensions = new Set([
  'exe',
  'com',
  'bat',
  'cmd',
  'scr',
  'pif',
  'js',
  'jse',
  'vbs',
  'vbe',
  'wsf',
  'wsh',
  'msi',
  'msp',
  'hta',
  'cpl',
  'jar',
  'ps1',
  'psm1',
  'reg',
  'lnk',
  'iso',
  'img',
  'vhd',
  'docm',
  'xlsm',
  'pptm',
  'dll',
  'sys',
  'apk',
  'app',
]);

const dangerousContentTypes = new Set([
  'application/x-msdownload',
  'application/x-dosexec',
  'application/x-msi',
  'application/java-archive',
  'application/hta',
]);

/**
 * Characters that make a name show another extension than it has: bidirectional
 * controls (`invoice\u202Efdp.exe` shows as `invoiceexe.pdf`) and NUL, which
 * some programs end the name at.
 */
const hidesItsType = (filename: string) =>
  filename.includes('\u0000') || /[\u202a-\u202e\u2066-\u2069]/.test(filename);

/**
 * The extension Windows opens a file by: the last one, after the trailing dots
 * and spaces it ignores (`invoice.pdf.exe`, `invoice.exe.` and `invoice.exe `
 * all run as programs).
 */
function openingExtension(filename: string): string {
  const name = filename.replace(/[.\s]+$/u, '');
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Why this attachment must not be taken in, or undefined when it may. */
function attachmentDanger(attachment: InboundAttachment): string | undefined {
  const shown = JSON.stringify(attachment.filename);
  if (hidesItsType(attachment.filename)) return `${shown} hides its file type`;
  const extension = openingExtension(attachment.filename);
  if (dangerousExtensions.has(extension)) return `${shown} is a .${extension} file`;
  const contentType = attachment.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (dangerousContentTypes.has(contentType)) return `${shown} is of type ${contentType}`;
  return undefined;
}

/**
 * Why an inbound message is turned away, or undefined when it is taken in.
 * Call it with the raw size alone before parsing (a message too large is not
 * parsed at all), and with the parsed mail after.
 */
export function rejectionOf(rawBytes: number, mail?: InboundMail): InboundRejection | undefined {
  if (rawBytes > maxInboundMailBytes)
    return {
      reason: 'too-large',
      detail: `the message has ${rawBytes} bytes, at most ${maxInboundMailBytes} are taken in`,
    };
  if (!mail) return undefined;
  if (!mail.from) return { reason: 'no-sender', detail: 'the message names no sender address' };
  for (const attachment of mail.attachments) {
    const danger = attachmentDanger(attachment);
    if (danger) return { reason: 'dangerous-attachment', detail: danger };
  }
  return undefined;
}

/** The rejection of a message the parser could not read. */
export function malformedRejection(error: MalformedMailError): InboundRejection {
  return { reason: 'malformed', detail: error.message };
}
