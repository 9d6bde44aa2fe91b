import { TextDecoder } from 'node:util';
import type { ImportEncoding } from './import-mapping';

/** Bytes of a UTF-8 sequence that starts with `lead`; 0 when `lead` cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead < 0xe0) return 2;
  if (lead >= 0xe0 && lead < 0xf0) return 3;
  if (lead >= 0xf0 && lead < 0xf5) return 4;
  return 0;
}

/** Where the bytes stop being valid UTF-8 (their length when they never do). */
export function validUtf8Prefix(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length = sequenceLength(lead);
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1] as number;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    if (lead === 0xe0 && second < 0xa0) return i;
    if (lead === 0xed && second >= 0xa0) return i;
    if (lead === 0xf0 && second < 0x90) return i;
    if (lead === 0xf4 && second >= 0x90) return i;
    i += length;
  }
  return i;
}

/** The length of the bytes up to the last sequence that may still go on in the next chunk. */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = sequenceLength(byte);
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

export interface DecodedChunk {
  readonly text: string;
  /** Set when the bytes after `text` are not valid in the encoding: nothing further can be read. */
  readonly broken: boolean;
}

/**
 * Decodes a file chunk by chunk. UTF-8 is decoded strictly (a fatal
 * `TextDecoder`): invalid bytes end the text there instead of turning into
 * replacement characters that would be imported as data. windows-1250 and
 * windows-1252 map every byte, so they never break.
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  private readonly utf8: boolean;
  private carry: Uint8Array = new Uint8Array(0);
  private started = false;

  constructor(encoding: ImportEncoding) {
    this.utf8 = encoding === 'utf-8';
    // BOMs are dropped once, at the start of the file, below: not at every chunk.
    this.decoder = new TextDecoder(encoding, { fatal: this.utf8, ignoreBOM: true });
  }

  decode(chunk: Uint8Array, final = false): DecodedChunk {
    const text = this.utf8
      ? this.decodeUtf8(chunk, final)
      : { text: this.decoder.decode(chunk, { stream: !final }), broken: false };
    if (this.started || text.text.length === 0) return text;
    this.started = true;
    return { ...text, text: text.text.startsWith('\uFEFF') ? text.text.slice(1) : text.text };
  }

  private decodeUtf8(chunk: Uint8Array, final: boolean): DecodedChunk {
    const bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const end = final ? bytes.length : completeLength(bytes);
    this.carry = bytes.slice(end);
    const whole = bytes.subarray(0, end);
    try {
      return { text: this.decoder.decode(whole), broken: false };
    } catch {
      const valid = validUtf8Prefix(whole);
      this.carry = new Uint8Array(0);
      return { text: this.decoder.decode(whole.subarray(0, valid)), broken: true };
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
