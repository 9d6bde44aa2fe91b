/**
 * The e-signature port (R-CO-2). The Signi adapter speaks Signi's API; the
 * local stand-in speaks the same protocol. A callback from the provider is
 * never trusted by itself: the service re-reads the state through `status`.
 */

/** Signi's `settings.signing_order`. */
export const signingOrders = ['all_at_once', 'proposers_before_counterparties', 'one_at_a_time'] as const;
export type SigningOrder = (typeof signingOrders)[number];

export interface SigningParty {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone?: string;
}

export interface SigningRequest {
  /** Our contract id and number, shown in the provider's list. */
  readonly contractId: string;
  readonly number: string;
  readonly name: string;
  /** Language of the provider's mails and pages, e.g. `sk`, `sv`, `cs`, `en`. */
  readonly locale: string;
  readonly document: { readonly fileName: string; readonly content: Uint8Array };
  /** The tenant's person who proposes the contract (exactly one). */
  readonly proposer: SigningParty;
  /** The account's signing persons, in the order they sign. */
  readonly signers: readonly SigningParty[];
  readonly signingOrder: SigningOrder;
  /** Our callback URL with the contract's unguessable token; called on completed, rejected and expired. */
  readonly callbackUrl: string;
}

/** Where the provider says the document is. */
export type ProviderState = 'pending' | 'signed' | 'declined' | 'expired' | 'cancelled';

export interface ProviderContract {
  readonly externalId: string;
  readonly state: ProviderState;
  /** The provider's own word for the state (`pending`, `completed`, …), for logs and the history. */
  readonly providerState?: string;
  /** A short-lived link to the signed PDF, when signed. */
  readonly signedFileUrl?: string;
}

export interface ESignature {
  /** Uploads the document and starts the signing; the provider's id of it. */
  send(request: SigningRequest): Promise<{ readonly externalId: string }>;
  /** The document's state read from the provider with our credentials. */
  status(externalId: string): Promise<ProviderContract>;
  /** The signed PDF behind a link the provider gave (valid for minutes only). */
  download(fileUrl: string): Promise<Uint8Array>;
  /** Withdraws a document still waiting for signatures. */
  cancel(externalId: string): Promise<void>;
}

/** The provider could not be reached or failed (timeout, 5xx, 429): try again later. */
export class ESignatureUnavailable extends Error {
  override readonly name = 'ESignatureUnavailable';
}

/** The provider refused the request (4xx other than 429): trying again will not help. */
export class ESignatureRefused extends Error {
  override readonly name = 'ESignatureRefused';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
