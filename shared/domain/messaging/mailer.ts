/** A mailbox: a display name (any characters) and an address. */
export interface Mailbox {
  readonly name: string;
  readonly address: string;
}

/** A file sent with an e-mail (an offer's PDF). */
export interface EmailAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface OutgoingEmail {
  readonly from: Mailbox;
  readonly to: string;
  readonly subject: string;
  /** At least one of `text` and `html`. */
  readonly text?: string;
  readonly html?: string;
  readonly replyTo?: string;
  /**
   * Further header fields (threading: `In-Reply-To`, `References`). SES
   * replaces a given `Message-ID` and `Date`, so neither belongs here.
   */
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  readonly attachments?: readonly EmailAttachment[];
  /** Track opens and clicks (SES's configuration set that does, rewriting links and adding a pixel). */
  readonly tracked?: boolean;
  /** Carried to the provider's delivery events (bounces, complaints), e.g. the tenant and the message. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Sends e-mail: SES in the cloud and locally (aws-ses-v2-local). A failure
 * is a `DeliveryError` saying whether the provider took the message.
 */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ readonly messageId: string }>;
}
