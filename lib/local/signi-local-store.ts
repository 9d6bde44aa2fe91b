import { randomBytes } from 'node:crypto';
import { type SigniCallback, type SigniResult, signiResults } from '#adapters/e-signature/signi-protocol';
import { signingOrders } from '#domain/contracts/e-signature';

/** Signi's signed-PDF links work for ten minutes. */
export const SIGNED_LINK_TTL_MS = 10 * 60 * 1000;

const contractRoles = ['sign', 'approve', 'notice'] as const;

export type LocalSigniState = 'pending' | SigniResult;

export interface LocalSigniPerson {
  readonly isProposer: boolean;
  readonly email: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
  readonly role: (typeof contractRoles)[number];
  readonly partyOrder?: number;
}

/** The callback the stand-in made for a result, and how our side answered. */
export interface CallbackDelivery {
  readonly url: string;
  readonly body: SigniCallback;
  readonly at: Date;
  readonly status?: number;
  readonly error?: string;
}

export interface LocalSigniContract {
  readonly id: number;
  readonly name: string;
  readonly number: string;
  readonly locale: string;
  readonly signingOrder: string;
  readonly people: readonly LocalSigniPerson[];
  readonly webhooks: readonly { readonly state: SigniResult; readonly url: string }[];
  readonly document: { readonly fileName: string; readonly content: Uint8Array };
  readonly createdAt: Date;
  state: LocalSigniState;
  decidedAt?: Date;
  callback?: CallbackDelivery;
}

/** A request Signi would refuse: its HTTP status and message. */
export class SigniRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What the local Signi keeps: documents sent for signing, in memory, with
 * ids counting up from 3359 (the id in Signi's documented callback), and
 * the signed-PDF links it handed out.
 */
export class LocalSigniStore {
  private nextId = 3359;
  private readonly contracts = new Map<number, LocalSigniContract>();
  private readonly links = new Map<string, { readonly contractId: number; readonly issuedAt: number }>();

  constructor(
    /** The stand-in's own URL, for the links it hands out. */
    private readonly origin: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  list(): readonly LocalSigniContract[] {
    return [...this.contracts.values()];
  }

  /** `POST /api/v1/contract/?type=doc`, checked as Signi documents it. */
  async create(form: FormData): Promise<object> {
    const data = await dataOf(form.get('data'));
    const document = await pdfOf(form.get('uploaded_file_key'));
    const name = data.contract_name ?? data.name;
    if (typeof name !== 'string' || name.trim() === '') throw refused('contract_name is required');
    const people = peopleOf(data.people);
    const signingOrder = data.settings?.signing_order ?? 'all_at_once';
    if (!(signingOrders as readonly unknown[]).includes(signingOrder))
      throw refused(`settings.signing_order must be one of ${signingOrders.join(', ')}`);
    const contract: LocalSigniContract = {
      id: this.nextId++,
      name,
      number: typeof data.number === 'string' ? data.number : '',
      locale: typeof data.locale === 'string' ? data.locale : 'cs',
      signingOrder: signingOrder as string,
      people,
      webhooks: webhooksOf(data.webhooks),
      document,
      createdAt: new Date(this.now()),
      state: 'pending',
    };
    this.contracts.set(contract.id, contract);
    return {
      contract_id: contract.id,
      contract_name: contract.name,
      number: contract.number,
      state: contract.state,
    };
  }

  /** `GET /api/v1/contract/{id}/`: a completed document comes with a fresh ten-minute link. */
  detail(id: string): object {
    const contract = this.find(id);
    return {
      contract_id: contract.id,
      contract_name: contract.name,
      number: contract.number,
      locale: contract.locale,
      state: contract.state,
      file: contract.state === 'completed' ? this.link(contract) : null,
      attachments: [],
    };
  }

  /** `DELETE /api/v1/contract/{id}/`. */
  remove(id: string): void {
    this.contracts.delete(this.find(id).id);
  }

  /** The signed PDF behind a link; an unknown link is 404, one older than ten minutes 410. */
  signedPdf(hash: string): Uint8Array {
    const link = this.links.get(hash);
    if (link === undefined) throw new SigniRequestError(404, 'No document behind this link');
    if (this.now() - link.issuedAt >= SIGNED_LINK_TTL_MS)
      throw new SigniRequestError(410, 'The link has expired; read the contract again for a new one');
    const contract = this.contracts.get(link.contractId);
    if (contract === undefined) throw new SigniRequestError(404, 'No document behind this link');
    return contract.document.content;
  }

  find(id: string): LocalSigniContract {
    const contract = /^\d+$/.test(id) ? this.contracts.get(Number(id)) : undefined;
    if (contract === undefined) throw new SigniRequestError(404, `Contract ${id} not found`);
    return contract;
  }

  /**
   * A signer signed or rejected it, or it expired: the state changes and
   * Signi posts its callback to the webhook registered for that result, and
   * to no other. No webhook (or an empty URL) means no callback.
   */
  async decide(id: string, result: SigniResult): Promise<CallbackDelivery | undefined> {
    const contract = this.find(id);
    if (contract.state !== 'pending')
      throw new SigniRequestError(409, `Contract ${id} is ${contract.state}, not pending`);
    contract.state = result;
    contract.decidedAt = new Date(this.now());
    const url = contract.webhooks.find((webhook) => webhook.state === result)?.url;
    if (!url) return undefined;
    const body: SigniCallback = {
      contract_id: contract.id,
      state: result,
      ...(result === 'completed' ? { file: this.link(contract) } : {}),
      attachments: [],
    };
    contract.callback = await deliver(url, body);
    return contract.callback;
  }

  private link(contract: LocalSigniContract): string {
    const hash = randomBytes(30).toString('hex');
    this.links.set(hash, { contractId: contract.id, issuedAt: this.now() });
    return `${this.origin()}/api/v1/contract/pdf/preview?hash=${hash}`;
  }
}

async function deliver(url: string, body: SigniCallback): Promise<CallbackDelivery> {
  const at = new Date();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { url, body, at, status: response.status };
  } catch (error) {
    return { url, body, at, error: error instanceof Error ? error.message : String(error) };
  }
}

const refused = (message: string) => new SigniRequestError(400, message);

interface RawData {
  readonly contract_name?: unknown;
  readonly name?: unknown;
  readonly number?: unknown;
  readonly locale?: unknown;
  readonly settings?: { readonly signing_order?: unknown };
  readonly people?: unknown;
  readonly webhooks?: unknown;
}

/** The `data` part: a JSON file (as Signi's examples send it) or a plain field. */
async function dataOf(part: File | string | null): Promise<RawData> {
  if (part === null) throw refused('the data part is missing');
  const text = typeof part === 'string' ? part : await part.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw refused('the data part is not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw refused('the data part is not a JSON object');
  return data as RawData;
}

async function pdfOf(part: File | string | null): Promise<LocalSigniContract['document']> {
  if (part === null || typeof part === 'string') throw refused('uploaded_file_key must be a file');
  const content = new Uint8Array(await part.arrayBuffer());
  if (new TextDecoder().decode(content.subarray(0, 5)) !== '%PDF-')
    throw refused('uploaded_file_key is not a PDF');
  return { fileName: part.name, content };
}

function peopleOf(value: unknown): LocalSigniPerson[] {
  if (!Array.isArray(value) || value.length === 0) throw refused('people must list the signing persons');
  const people = value.map((raw: Record<string, unknown>, index) => {
    const at = `people[${index}]`;
    if (typeof raw !== 'object' || raw === null) throw refused(`${at} is not an object`);
    if (typeof raw.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(raw.email))
      throw refused(`${at}.email is not an e-mail address`);
    if (!(contractRoles as readonly unknown[]).includes(raw.contract_role))
      throw refused(`${at}.contract_role must be one of ${contractRoles.join(', ')}`);
    return {
      isProposer: raw.is_proposer === true,
      email: raw.email,
      role: raw.contract_role as LocalSigniPerson['role'],
      ...text('firstName', raw.first_name),
      ...text('lastName', raw.last_name),
      ...text('phone', raw.phone),
      ...(typeof raw.party_order === 'number' ? { partyOrder: raw.party_order } : {}),
    };
  });
  if (people.filter((person) => person.isProposer).length !== 1)
    throw refused('a document has exactly one proposer (is_proposer)');
  if (!people.some((person) => !person.isProposer && person.role === 'sign'))
    throw refused('no counterparty signs the document (contract_role "sign")');
  return people;
}

function text<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}

function webhooksOf(value: unknown): LocalSigniContract['webhooks'] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw refused('webhooks must be a list');
  return value.map((raw: { state?: unknown; url?: unknown }, index) => {
    if (!(signiResults as readonly unknown[]).includes(raw?.state))
      throw refused(`webhooks[${index}].state must be one of ${signiResults.join(', ')}`);
    const url = typeof raw.url === 'string' ? raw.url : '';
    if (url !== '' && !URL.canParse(url)) throw refused(`webhooks[${index}].url is not a URL`);
    return { state: raw.state as SigniResult, url };
  });
}
