import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { noteBody } from '#api/accounts/accounts-schemas';
import { createAccountBody, createContactBody } from '#api/accounts/record-bodies';
import { lineText, multilineText } from '#api/common/common-schemas';
import { allRoutes } from '#api/docs/all-routes';
import { fieldsOfZodError } from '#http/zod-fields';

/** The invalid fields a schema names for `value`, as the problem+json lists them. */
const invalidFieldsOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : fieldsOfZodError(result.error);
};

describe('lineText and multilineText', () => {
  it('store the text in NFC without white space at its ends', () => {
    // Act
    const account = createAccountBody.parse({
      name: '  Lo\u0301pez Dvor\u030ca\u0301k AB\n',
      customerType: 'B2B',
    });

    // Assess
    expect(account.name).toBe('L\u00f3pez Dvo\u0159\u00e1k AB');
  });

  it('count lengths on the stored form', () => {
    // Prepare
    const short = z.strictObject({ code: lineText.min(1).max(3) });

    // Act
    const decomposed = short.parse({ code: ' a\u0301e\u0301o\u0301 ' });
    const blank = invalidFieldsOf(short, { code: '   ' });

    // Assess
    expect(decomposed.code).toBe('\u00e1\u00e9\u00f3');
    expect(blank.map((f) => f.name)).toEqual(['code']);
  });

  it('name each field whose text breaks the rules, with the reason', () => {
    // Act
    const fields = invalidFieldsOf(createContactBody, {
      firstName: 'A\ud800B',
      lastName: 'Berg\u202Egnp.exe',
      keywords: ['ok', 'nul\u0000'],
      externalCustomerId: '\ufeffK-1',
      greeting: 'Hej\nAnna',
    });

    // Assess
    expect(fields).toEqual([
      { name: 'firstName', reason: 'contains a lone surrogate (U+D800): not valid Unicode text' },
      { name: 'lastName', reason: 'contains U+202E, a bidirectional control character' },
      {
        name: 'externalCustomerId',
        reason: 'contains U+FEFF, a byte order mark or zero-width no-break space',
      },
      { name: 'keywords.1', reason: 'contains the control character U+0000' },
      { name: 'greeting', reason: 'contains a line break or tab (U+000A): one line of text is expected' },
    ]);
  });

  it('let free text keep its line breaks and tabs', () => {
    // Prepare
    const text = 'Ring efter 15.\r\n\tTack!\nAnna';

    // Act
    const note = noteBody.parse({ text });
    const contact = createContactBody.parse({ firstName: 'Anna', lastName: 'Berg', information: text });

    // Assess
    expect(note.text).toBe(text);
    expect(contact.information).toBe(text);
    expect(multilineText.safeParse('a\u0007b').success).toBe(false);
  });
});

/**
 * Request fields whose strings have a rule of their own instead, checked
 * where they are read: e-mail syntax, phone numbers, org numbers and IBANs by
 * their standards, the content types by a list, an opaque cursor by
 * decoding it.
 */
const ownRule = new Set([
  'email',
  'senderAddress',
  'phones',
  'orgNumber',
  'iban',
  'contentType',
  'to',
  'cursor',
]);

/** The names of the string fields of a JSON Schema that have neither a format nor the text rule. */
function unruledStrings(node: unknown, name: string, out: string[]): string[] {
  if (Array.isArray(node)) {
    for (const item of node) unruledStrings(item, name, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  const schema = node as Record<string, unknown>;
  const ruled = ['pattern', 'format', 'enum', 'const', 'x-text'].some((key) => key in schema);
  if (schema.type === 'string' && !ruled) out.push(name);
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') {
      for (const [property, child] of Object.entries(value as Record<string, unknown>))
        unruledStrings(child, property, out);
    } else unruledStrings(value, key === 'propertyNames' ? `${name} (keys)` : name, out);
  }
  return out;
}

describe('the request schemas', () => {
  it('hold every free-form string of every route to the text rules', () => {
    // Prepare
    // The webhooks take a platform's own JSON; their mappings apply the same rules to what they read.
    const routes = allRoutes.filter(
      (route) => route.operationId !== 'receiveLeadWebhook' && route.operationId !== 'receiveSocialWebhook',
    );

    // Act
    const unruled = routes.flatMap((route) =>
      (['params', 'query', 'body'] as const).flatMap((part) => {
        const schema = route[part];
        if (!schema) return [];
        const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
        return unruledStrings(json, part, [])
          .filter((field) => !ownRule.has(field))
          .map((field) => `${route.operationId} ${part}: ${field}`);
      }),
    );

    // Assess
    expect(routes.length).toBeGreaterThan(100);
    expect(unruled).toEqual([]);
  });
});
