import { describe, expect, it } from 'vitest';
import { isAutoReply } from '#domain/service/auto-reply';

const personal = [
  { key: 'from', value: 'Åsa Öberg <asa@customer.example>' },
  { key: 'subject', value: 'Faktura' },
  { key: 'return-path', value: '<asa@customer.example>' },
];

describe('isAutoReply', () => {
  it('is false for a mail a person wrote', () => {
    expect(isAutoReply(personal)).toBe(false);
  });

  it.each([
    ['auto-submitted', 'auto-replied'],
    ['auto-submitted', 'auto-generated'],
    ['auto-submitted', 'Auto-Replied; owner-email="x@y.example"'],
    ['precedence', 'bulk'],
    ['precedence', 'junk'],
    ['precedence', 'list'],
    ['precedence', 'auto_reply'],
    ['precedence', ' Bulk '],
    ['x-autoreply', 'yes'],
    ['x-autorespond', 'vacation'],
    ['x-auto-response-suppress', 'All'],
    ['x-auto-response-suppress', 'OOF'],
    ['x-auto-response-suppress', 'DR, RN, NRN, OOF, AutoReply'],
    ['x-auto-response-suppress', 'autoreply'],
    ['list-id', 'Nyheter <news.energy.example>'],
    ['list-unsubscribe', '<https://energy.example/unsubscribe>'],
    ['return-path', '<>'],
    ['return-path', '< >'],
  ])('is true with %s: %s', (key, value) => {
    expect(isAutoReply([...personal, { key, value }])).toBe(true);
  });

  it.each([
    ['auto-submitted', 'no'],
    ['auto-submitted', 'No'],
    ['auto-submitted', 'no; comment'],
    ['precedence', 'first-class'],
    ['x-auto-response-suppress', 'DR, RN'],
  ])('is false with %s: %s', (key, value) => {
    expect(isAutoReply([...personal, { key, value }])).toBe(false);
  });
});
