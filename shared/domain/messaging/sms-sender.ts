export interface OutgoingSms {
  /** The origination identity (sender id, phone number or pool); the provider's default when absent. */
  readonly from?: string;
  /** E.164. */
  readonly to: string;
  readonly body: string;
  /** Carried to the provider's delivery events, e.g. the tenant and the message. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Sends text messages: AWS End User Messaging in the cloud, a recorder
 * locally. A failure is a `DeliveryError`.
 */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<{ readonly messageId: string }>;
}
