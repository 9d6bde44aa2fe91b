import type * as z from 'zod';
import {
  type ESignature,
  ESignatureRefused,
  ESignatureUnavailable,
  type ProviderContract,
  type SigningRequest,
} from '#domain/contracts/e-signature';
import { type SigniAnswer, SigniHttp, type SigniHttpOptions } from './signi-http';
import { contractDetail, createdContract, providerStateOf, signiContractData } from './signi-protocol';

export type SigniClientOptions = SigniHttpOptions;

/**
 * The e-signature port on Signi's REST API (docs/decisions/0014-signi-e-signature.md):
 * `POST /api/v1/contract/?type=doc` to send, `GET /api/v1/contract/{id}/`
 * to read the state, `DELETE` on the same path to withdraw, and the
 * short-lived `file` link for the signed PDF.
 *
 * Reads, downloads and withdrawals are repeated with back-off on network
 * errors, timeouts, 5xx and 429. A send is made once: Signi takes no
 * idempotency key, so repeating a request that may have reached it could
 * leave the customer with two documents to sign. A send that fails
 * transiently is {@link ESignatureUnavailable} and the caller's queue tries
 * again later.
 */
export class SigniClient implements ESignature {
  private readonly http: SigniHttp;

  constructor(options: SigniClientOptions) {
    this.http = new SigniHttp(options);
  }

  async send(request: SigningRequest): Promise<{ readonly externalId: string }> {
    const form = new FormData();
    const data = JSON.stringify(signiContractData(request));
    form.append('data', new Blob([data], { type: 'application/json' }), 'data.json');
    form.append(
      'uploaded_file_key',
      new Blob([new Uint8Array(request.document.content)], { type: 'application/pdf' }),
      request.document.fileName,
    );
    const what = `sending contract ${request.number}`;
    const answer = await this.http.call({
      method: 'POST',
      url: this.http.url('/api/v1/contract/?type=doc'),
      what,
      body: form,
      accept: 'application/json',
      repeatable: false,
    });
    const created = read(createdContract, answer);
    // Signi has the document but we cannot tell which: sending again would make a second one.
    if (!created.success)
      throw new ESignatureRefused(
        `Signi accepted ${what} but its answer names no contract_id: ${created.problem}`,
        answer.status,
      );
    return created.value;
  }

  async status(externalId: string): Promise<ProviderContract> {
    const what = `reading contract ${externalId}`;
    const answer = await this.http.call({
      method: 'GET',
      url: this.contractUrl(externalId),
      what,
      accept: 'application/json',
      repeatable: true,
    });
    const detail = read(contractDetail, answer);
    if (!detail.success)
      throw new ESignatureUnavailable(`Signi answered ${what} with an unexpected body: ${detail.problem}`);
    const state = providerStateOf(detail.value.state);
    const file = detail.value.file;
    return {
      externalId,
      state,
      providerState: detail.value.state,
      ...(state === 'signed' && file ? { signedFileUrl: file } : {}),
    };
  }

  /**
   * Fetches a signed PDF link (valid ten minutes). Only links on Signi's own
   * host are fetched: a link from an unauthenticated callback could
   * otherwise send our API key anywhere.
   */
  async download(fileUrl: string): Promise<Uint8Array> {
    const url = new URL(fileUrl);
    if (url.origin !== this.http.origin)
      throw new Error(`the signed PDF link ${url.origin} is not Signi's (${this.http.origin}); not fetched`);
    const answer = await this.http.call({
      method: 'GET',
      url: url.toString(),
      what: 'downloading the signed PDF',
      accept: 'application/pdf',
      repeatable: true,
    });
    if (!isPdf(answer.body))
      throw new ESignatureUnavailable('Signi answered the signed PDF link with something that is not a PDF');
    return answer.body;
  }

  /** A 404 after an attempt whose answer was lost means the first attempt withdrew it. */
  async cancel(externalId: string): Promise<void> {
    await this.http.call({
      method: 'DELETE',
      url: this.contractUrl(externalId),
      what: `withdrawing contract ${externalId}`,
      accept: 'application/json',
      repeatable: true,
      doneAfterLostAnswer: (status) => status === 404,
    });
  }

  private contractUrl(externalId: string): string {
    return this.http.url(`/api/v1/contract/${encodeURIComponent(externalId)}/`);
  }
}

type Read<T> =
  | { readonly success: true; readonly value: T }
  | { readonly success: false; readonly problem: string };

function read<S extends z.ZodType>(schema: S, answer: SigniAnswer): Read<z.output<S>> {
  const text = new TextDecoder().decode(answer.body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { success: false, problem: `not JSON (${text.slice(0, 100)})` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { success: true, value: parsed.data }
    : { success: false, problem: parsed.error.issues.map((issue) => issue.message).join('; ') };
}

/** Every PDF starts with `%PDF-`. */
function isPdf(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-';
}
