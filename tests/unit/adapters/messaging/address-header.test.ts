import { describe, expect, it } from 'vitest';
import { encodeDisplayName, formatMailbox } from '#adapters/messaging/address-header';

/** Reads a phrase of RFC 2047 B-encoded words back, as a mail client shows it. */
function decodePhrase(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => {
      const match = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(word);
      if (!match) throw new Error(`not an encoded word: ${word}`);
      return Buffer.from(match[1] as string, 'base64');
    })
    .reduce((all, bytes) => Buffer.concat([all, bytes]), Buffer.alloc(0))
    .toString('utf8');
}

describe('formatMailbox', () => {
  it('quotes a plain ASCII name before the address', () => {
    // Act
    const header = formatMailbox({ name: 'Norrsken Energi AB', address: 'kundservice@norrsken.example' });

    // Assess
    expect(header).toBe('"Norrsken Energi AB" <kundservice@norrsken.example>');
  });

  it('escapes quotes and backslashes inside the quoted name', () => {
    // Act
    const header = formatMailbox({ name: 'Kundtjanst "Norr" \\ Syd', address: 'a@b.example' });

    // Assess
    expect(header).toBe('"Kundtjanst \\"Norr\\" \\\\ Syd" <a@b.example>');
  });

  it('encodes a name with Swedish letters as UTF-8 encoded words that read back the same', () => {
    // Act
    const header = formatMailbox({
      name: 'Norrsken Energi Kundtjänst',
      address: 'kundservice@norrsken.example',
    });

    // Assess
    const [, phrase, address] = /^(.*) <(.*)>$/.exec(header) ?? [];
    expect(address).toBe('kundservice@norrsken.example');
    expect(phrase).toMatch(/^=\?UTF-8\?B\?/);
    expect(decodePhrase(phrase as string)).toBe('Norrsken Energi Kundtjänst');
    expect(header).toMatch(/^[\x20-\x7e]+$/);
  });

  it('splits a long name into encoded words of at most 75 characters, never inside a character', () => {
    // Prepare
    const name = 'Tatra Energia – zákaznícky servis, oddelenie pre domácnosti a maloodber (Žilina)';

    // Act
    const phrase = encodeDisplayName(name);

    // Assess
    const words = phrase.split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(75);
      const bytes = Buffer.from(/\?B\?(.*)\?=$/.exec(word)?.[1] ?? '', 'base64');
      // Each word decodes on its own: no character is cut in two.
      expect(bytes.toString('utf8')).not.toContain('\uFFFD');
    }
    expect(decodePhrase(phrase)).toBe(name);
  });

  it('never passes a line break on, so the name cannot add a header', () => {
    // Act
    const header = formatMailbox({ name: 'Norrsken\r\nBcc: victim@example.com', address: 'a@b.example' });

    // Assess
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe('"Norrsken Bcc: victim@example.com" <a@b.example>');
  });

  it('gives just the address when the name is blank', () => {
    // Act
    const header = formatMailbox({ name: '  ', address: 'kundservice@norrsken.example' });

    // Assess
    expect(header).toBe('kundservice@norrsken.example');
  });

  it('writes an internationalised domain in Punycode, as SES requires', () => {
    // Act
    const header = formatMailbox({ name: 'Kundservice', address: 'info@växjöenergi.example' });

    // Assess
    expect(header).toBe('"Kundservice" <info@xn--vxjenergi-v2a4r.example>');
  });
});
