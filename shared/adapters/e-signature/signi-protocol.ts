import * as z from 'zod';
import type { ProviderState, SigningParty, SigningRequest } from '#domain/contracts/e-signature';

/**
 * Signi's wire format, as far as its public documentation shows it
 * (docs/decisions/0014-signi-e-signature.md lists the sources and what is
 * assumed). The local stand-in (lib/local/signi-local.ts) reads and writes
 * the same shapes.
 */

/** The three results Signi calls a webhook for; only one of them is ever called per document. */
export const signiResults = ['completed', 'rejected', 'expired'] as const;
export type SigniResult = (typeof signiResults)[number];

export interface SigniPerson {
  readonly is_proposer: boolean;
  readonly email: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly phone?: string;
  readonly contract_role: 'sign';
  /** Counterparties only: their place in the signing order. */
  readonly party_order?: number;
  readonly person_type?: 'nature';
}

/** The `data` part of `POST /api/v1/contract/?type=doc`. */
export interface SigniContractData {
  readonly contract_name: string;
  readonly number: string;
  readonly locale: string;
  /** `pending`: sent for signing at once rather than kept as a draft (as in Signi's webhook example). */
  readonly state: 'pending';
  readonly settings: { readonly signing_order: SigningRequest['signingOrder'] };
  readonly people: readonly SigniPerson[];
  readonly webhooks: readonly { readonly state: SigniResult; readonly url: string }[];
}

/**
 * The proposer (the tenant's person, exactly one, as Signi requires) and the
 * account's signers as counterparties, `party_order` 1, 2, … in the order
 * they sign. Every webhook is our callback URL with the result added as
 * `state`, as in Signi's own example.
 */
export function signiContractData(request: SigningRequest): SigniContractData {
  return {
    contract_name: request.name,
    number: request.number,
    locale: request.locale,
    state: 'pending',
    settings: { signing_order: request.signingOrder },
    people: [
      { is_proposer: true, ...person(request.proposer), contract_role: 'sign' },
      ...request.signers.map((signer, index) => ({
        is_proposer: false,
        ...person(signer),
        contract_role: 'sign' as const,
        party_order: index + 1,
        person_type: 'nature' as const,
      })),
    ],
    webhooks: signiResults.map((state) => ({ state, url: withResult(request.callbackUrl, state) })),
  };
}

function person(party: SigningParty) {
  return {
    email: party.email,
    first_name: party.firstName,
    last_name: party.lastName,
    ...(party.phone === undefined ? {} : { phone: party.phone }),
  };
}

function withResult(callbackUrl: string, state: SigniResult): string {
  const url = new URL(callbackUrl);
  url.searchParams.set('state', state);
  return url.toString();
}

const signiId = z.union([z.number().int(), z.string().min(1)]).transform(String);

/** The create answer: the document's id as `contract_id` (the callback's name for it) or `id`. */
export const createdContract = z
  .looseObject({ contract_id: signiId.optional(), id: signiId.optional() })
  .refine((body) => body.contract_id !== undefined || body.id !== undefined, 'no contract_id')
  .transform((body) => ({ externalId: (body.contract_id ?? body.id) as string }));

/** `GET /api/v1/contract/{id}/`: its `state`, and the signed PDF's link in `file` once completed. */
export const contractDetail = z.looseObject({
  state: z.string().min(1),
  file: z.url().nullish(),
});

/**
 * Only the three documented results are final. Any other word (`pending`,
 * or one we have not seen) means the document is still out for signing:
 * reading it as pending can only delay a transition, never make a wrong one.
 */
export function providerStateOf(signiState: string): ProviderState {
  switch (signiState) {
    case 'completed':
      return 'signed';
    case 'rejected':
      return 'declined';
    case 'expired':
      return 'expired';
    default:
      return 'pending';
  }
}

/** Signi's error text from a JSON body (`message`, `error`, `detail` or `title`), else the body itself, shortened. */
export function signiErrorMessage(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json === 'object' && json !== null) {
      for (const field of ['message', 'error', 'detail', 'title']) {
        const value = (json as Record<string, unknown>)[field];
        if (typeof value === 'string' && value.trim() !== '') return shorten(value);
      }
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  return shorten(body);
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/**
 * What Signi posts to the webhook of the result: `file` (the signed PDF,
 * valid ten minutes) is documented for `completed` only. Unauthenticated:
 * a handler takes nothing from it on trust and reads the state again.
 */
export const signiCallback = z.looseObject({
  contract_id: signiId,
  state: z.enum(signiResults),
  file: z.url().nullish(),
  attachments: z.array(z.unknown()).optional(),
});
export type SigniCallback = z.input<typeof signiCallback>;
