import type { ImportField } from './import-mapping';
import type { ValidRow } from './import-row';

/** What makes two rows, or a row and an existing account or contact, the same customer (R-AC-8). */
export type IdentifierKind = 'orgNumber' | 'email' | 'phone' | 'customerId';

export interface Identifier {
  readonly kind: IdentifierKind;
  /** Normalised as stored: `SE:556036-0793`, a lower-case e-mail, an E.164 number. */
  readonly value: string;
  readonly field: ImportField;
}

export const identifierLabels: Record<IdentifierKind, string> = {
  orgNumber: 'organisation number',
  email: 'e-mail',
  phone: 'phone number',
  customerId: 'customer id',
};

/** The identifiers of a valid row, each once (an account and its contact may share a phone). */
export function identifiersOf(row: ValidRow): Identifier[] {
  const { account, contact } = row;
  const all: Identifier[] = [];
  if (account.orgNumber) {
    all.push({
      kind: 'orgNumber',
      value: `${account.country}:${account.orgNumber}`,
      field: 'account.orgNumber',
    });
  }
  if (account.email) all.push({ kind: 'email', value: account.email, field: 'account.email' });
  for (const phone of account.phones) all.push({ kind: 'phone', value: phone, field: 'account.phones' });
  if (contact?.email) all.push({ kind: 'email', value: contact.email, field: 'contact.email' });
  for (const phone of contact?.phones ?? [])
    all.push({ kind: 'phone', value: phone, field: 'contact.phones' });
  if (contact?.externalCustomerId) {
    all.push({ kind: 'customerId', value: contact.externalCustomerId, field: 'contact.externalCustomerId' });
  }
  const seen = new Set<string>();
  return all.filter((id) => {
    const key = `${id.kind}#${id.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A row whose identifier an earlier row of the file already has. */
export interface FileDuplicate {
  readonly row: number;
  readonly field: ImportField;
  readonly kind: IdentifierKind;
  readonly ofRow: number;
}

/**
 * Two independent 32-bit hashes of a string (cyrb53's two lanes, kept
 * apart): a 64-bit fingerprint. Two different identifiers of one file share
 * it with a probability of about n²/2⁶⁵, 1 in 10⁸ for the 600 000
 * identifiers of a 100 000-row file.
 */
function fingerprint(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/**
 * Fingerprint → the row that has it, in typed arrays (open addressing):
 * 12 bytes a slot instead of a string key in a Map, so the identifiers of a
 * whole file fit in a few megabytes.
 */
class FingerprintIndex {
  private high = new Uint32Array(1 << 16);
  private low = new Uint32Array(1 << 16);
  /** 0 marks a free slot; rows start at 2. */
  private rows = new Int32Array(1 << 16);
  private size = 0;

  private slot(high: number, low: number): number {
    const mask = this.rows.length - 1;
    let i = (high ^ Math.imul(low, 0x9e3779b1)) & mask;
    while (this.rows[i] !== 0 && (this.high[i] !== high || this.low[i] !== low)) i = (i + 1) & mask;
    return i;
  }

  get(high: number, low: number): number | undefined {
    const row = this.rows[this.slot(high, low)];
    return row === 0 ? undefined : row;
  }

  set(high: number, low: number, row: number): void {
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    const i = this.slot(high, low);
    if (this.rows[i] === 0) this.size++;
    this.high[i] = high;
    this.low[i] = low;
    this.rows[i] = row;
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.high = new Uint32Array(rows.length * 2);
    this.low = new Uint32Array(rows.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      const slot = this.slot(high[i] as number, low[i] as number);
      this.high[slot] = high[i] as number;
      this.low[slot] = low[i] as number;
      this.rows[slot] = rows[i] as number;
    }
  }
}

/**
 * Duplicates within one file. The first valid row with an identifier keeps
 * it; a later row sharing any identifier is a duplicate of that row, and its
 * own identifiers are not remembered (it is not imported). Identifiers are
 * kept as fingerprints: memory stays small for the largest file allowed.
 */
export class FileDuplicates {
  private readonly seen = new FingerprintIndex();

  check(row: number, identifiers: readonly Identifier[]): FileDuplicate[] {
    const prints = identifiers.map((id) => fingerprint(`${id.kind}#${id.value}`));
    const found: FileDuplicate[] = [];
    identifiers.forEach((id, i) => {
      const [high, low] = prints[i] as [number, number];
      const ofRow = this.seen.get(high, low);
      if (ofRow !== undefined) found.push({ row, field: id.field, kind: id.kind, ofRow });
    });
    if (found.length === 0) for (const [high, low] of prints) this.seen.set(high, low, row);
    return found;
  }
}
