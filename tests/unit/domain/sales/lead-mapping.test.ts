import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leadMappingSchema } from '#api/sales/lead-mapping-schema';
import { createLead } from '#domain/sales/leads/lead';
import {
  applyLeadMapping,
  type LeadMapping,
  leadMappingPresets,
  readPath,
} from '#domain/sales/leads/lead-mapping';
import type { ChangeContext } from '#domain/stamps';

const sample = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../../../events/lead-webhooks/${name}`, import.meta.url), 'utf8'),
  ) as unknown;
const portal = leadMappingPresets['property-portal'] as LeadMapping;

const mapping = (fields: Partial<LeadMapping['fields']>): LeadMapping => ({
  fields: { segment: { default: 'B2C' }, fullName: { path: 'name' }, phone: { path: 'phone' }, ...fields },
});

describe('the property-portal preset', () => {
  it('maps the complete inquiry sample to every lead field it carries', () => {
    // Act
    const result = applyLeadMapping(portal, sample('property-portal-inquiry.json'));

    // Assess
    expect(result).toEqual({
      fields: {
        firstName: 'Erik',
        lastName: 'Lindqvist',
        companyName: 'Lindqvist Arkitekter AB',
        orgNumber: '559123-4561',
        email: 'Erik.Lindqvist@lindqvist-arkitekter.example',
        phone: '070-123 45 67',
        segment: 'B2B',
        commodity: 'electricity',
        annualConsumptionKwh: 18_500,
        address: { street: 'Götgatan 48', postalCode: '118 26', city: 'Stockholm', country: 'SE' },
        message:
          'Hej! Vi tar över kontoret den 1 januari och behöver ett elavtal från tillträdet. Ring gärna efter kl. 15.',
        attribution: { campaign: 'flytt-hosten-2026', medium: 'email', externalId: 'INQ-2026-118734' },
      },
    });
  });

  it('maps the Slovak inquiry sample, a gas lead for a company in Bratislava', () => {
    // Act
    const result = applyLeadMapping(portal, sample('property-portal-inquiry-sk.json'));

    // Assess
    expect(result).toEqual({
      fields: {
        firstName: 'Peter',
        lastName: 'Horváth',
        companyName: 'Horváth Architekti s.r.o.',
        orgNumber: '52348172',
        email: 'Peter.Horvath@horvath-architekti.example',
        phone: '0911 234 567',
        segment: 'B2B',
        commodity: 'gas',
        annualConsumptionKwh: 42_500,
        address: { street: 'Obchodná 12', postalCode: '811 06', city: 'Bratislava', country: 'SK' },
        message: expect.stringMatching(/^Dobrý deň/),
        attribution: { campaign: 'stahovanie-jesen-2026', medium: 'email', externalId: 'INQ-2026-204519' },
      },
    });
  });

  it('maps the minimal sample (a name and a phone) with the preset’s defaults', () => {
    // Act
    const result = applyLeadMapping(portal, sample('property-portal-minimal.json'));

    // Assess
    expect(result).toEqual({
      fields: {
        firstName: 'Maja',
        lastName: 'Holm',
        phone: '0709876543',
        segment: 'B2C',
        attribution: { medium: 'referral' },
      },
    });
  });

  it('gives what createLead accepts once the source is added', () => {
    // Prepare
    const result = applyLeadMapping(portal, sample('property-portal-minimal.json'));
    if (!('fields' in result)) throw new Error('the sample did not map');
    const ctx: ChangeContext = {
      tenant: {
        id: 'norrsken',
        name: 'Norrsken',
        country: 'SE',
        currency: 'SEK',
        timeZone: 'Europe/Stockholm',
      },
      userId: 'webhook',
      now: new Date('2026-11-20T09:41:17Z'),
    };

    // Act
    const lead = createLead(
      '01KAQ3X1A2B3C4D5E6F7G8H9J0',
      { ...result.fields, attribution: { ...result.fields.attribution, source: 'src-portal' } },
      [],
      ctx,
    );

    // Assess
    expect(lead).toMatchObject({ stage: 'lead', lastName: 'Holm', attribution: { source: 'src-portal' } });
  });

  it('is a mapping an admin could send', () => {
    // Act
    const parsed = leadMappingSchema.safeParse(portal);

    // Assess
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data).toEqual(portal);
  });
});

describe('applyLeadMapping', () => {
  it('lets a mapped first or last name win over the split full name', () => {
    // Prepare
    const rules = mapping({ firstName: { path: 'given' } });

    // Act
    const result = applyLeadMapping(rules, { name: 'Anna Maria Lind', given: 'Annie', phone: '1' });

    // Assess
    expect(result).toMatchObject({ fields: { firstName: 'Annie', lastName: 'Lind' } });
  });

  it.each([
    ['Anna Maria  Lind', { firstName: 'Anna Maria', lastName: 'Lind' }],
    ['  Cher ', { firstName: 'Cher' }],
  ])('splits the full name %j at its last space', (name, expected) => {
    // Act
    const result = applyLeadMapping(mapping({}), { name, phone: '1' });

    // Assess
    expect(result).toEqual({ fields: { ...expected, phone: '1', segment: 'B2C', attribution: {} } });
  });

  it('reads array items by index and takes numbers as text', () => {
    // Prepare
    const rules = mapping({ phone: { path: 'phones.1.number' }, 'attribution.externalId': { path: 'id' } });

    // Act
    const result = applyLeadMapping(rules, {
      name: 'Lind',
      id: 4711,
      phones: [{ number: '08-123' }, { number: '070-123 45 67' }],
    });

    // Assess
    expect(result).toMatchObject({ fields: { phone: '070-123 45 67', attribution: { externalId: '4711' } } });
  });

  it('treats null, blank and missing values alike, and uses the default for them', () => {
    // Prepare
    const rules = mapping({
      email: { path: 'email' },
      message: { path: 'message.text' },
      'attribution.medium': { path: 'utm.medium', default: 'portal' },
    });

    // Act
    const result = applyLeadMapping(rules, { name: 'Lind', phone: '1', email: null, message: '  ', utm: {} });

    // Assess
    expect(result).toEqual({
      fields: { firstName: 'Lind', phone: '1', segment: 'B2C', attribution: { medium: 'portal' } },
    });
  });

  it('follows only the payload’s own keys', () => {
    // Act
    const found = [readPath({}, 'constructor'), readPath({ a: [] }, 'a.length'), readPath('text', 'length')];

    // Assess
    expect(found).toEqual([undefined, undefined, undefined]);
  });

  it('names each field whose value is not text', () => {
    // Prepare
    const rules = mapping({ email: { path: 'email' }, companyName: { path: 'company' } });

    // Act
    const result = applyLeadMapping(rules, { name: 'Lind', phone: '1', email: ['a@b.se'], company: true });

    // Assess
    expect(result).toEqual({
      invalid: [
        { name: 'companyName', reason: 'company holds a boolean, not text' },
        { name: 'email', reason: 'email holds a list, not text' },
      ],
    });
  });

  it('holds the text it reads to the API’s text rules: NFC, trimmed, no lone surrogates or bidi controls', () => {
    // Prepare
    const rules = mapping({
      companyName: { path: 'company' },
      message: { path: 'message' },
      'attribution.externalId': { path: 'id' },
    });
    const payload = (over: Record<string, unknown>) => ({ name: 'Lind', phone: '1', ...over });

    // Act
    const tidy = applyLeadMapping(rules, payload({ company: ' Lo\u0301pez AB ', message: 'Hej!\nRing.' }));
    const refused = applyLeadMapping(
      rules,
      payload({ company: 'A\ud800B', message: 'x\u202Ey', id: 'INQ\u00001' }),
    );

    // Assess
    expect(tidy).toMatchObject({ fields: { companyName: 'L\u00f3pez AB', message: 'Hej!\nRing.' } });
    expect(refused).toEqual({
      invalid: [
        { name: 'companyName', reason: 'company contains a lone surrogate (U+D800): not valid Unicode text' },
        { name: 'message', reason: 'message contains U+202E, a bidirectional control character' },
        { name: 'attribution.externalId', reason: 'id contains the control character U+0000' },
      ],
    });
  });

  describe('a field with a fixed set of values', () => {
    const rules = mapping({
      segment: { path: 'type', values: { Privat: 'B2C', Firma: 'B2B' } },
      commodity: { path: 'energy', values: { el: 'electricity' }, default: 'gas' },
    });

    it('looks the value up in any case, and knows its own values without an entry', () => {
      // Act
      const results = [
        applyLeadMapping(rules, { name: 'Lind', phone: '1', type: ' FIRMA ', energy: 'EL' }),
        applyLeadMapping(rules, { name: 'Lind', phone: '1', type: 'b2c', energy: 'district-heating' }),
      ];

      // Assess
      expect(results).toMatchObject([
        { fields: { segment: 'B2B', commodity: 'electricity' } },
        { fields: { segment: 'B2C', commodity: 'district-heating' } },
      ]);
    });

    it('uses the default for an unknown value, and refuses it without one', () => {
      // Act
      const defaulted = applyLeadMapping(rules, { name: 'Lind', phone: '1', type: 'firma', energy: 'solar' });
      const refused = applyLeadMapping(rules, { name: 'Lind', phone: '1', type: 'förening', energy: 'el' });

      // Assess
      expect(defaulted).toMatchObject({ fields: { segment: 'B2B', commodity: 'gas' } });
      expect(refused).toEqual({
        invalid: [{ name: 'segment', reason: 'type: "förening" is not a value the mapping knows' }],
      });
    });

    it('refuses a payload without a segment when the mapping has no default', () => {
      // Act
      const result = applyLeadMapping(rules, { name: 'Lind', phone: '1' });

      // Assess
      expect(result).toEqual({
        invalid: [{ name: 'segment', reason: 'type gives no value and the mapping no default' }],
      });
    });

    it('leaves the commodity out when the payload has none and there is no default', () => {
      // Prepare
      const strict = mapping({ commodity: { path: 'energy' } });

      // Act
      const result = applyLeadMapping(strict, { name: 'Lind', phone: '1' });

      // Assess
      expect(result).toEqual({ fields: { firstName: 'Lind', phone: '1', segment: 'B2C', attribution: {} } });
    });
  });

  describe('the annual consumption', () => {
    const consumption = (value: unknown, unit?: 'kWh' | 'MWh') =>
      applyLeadMapping(mapping({ annualConsumptionKwh: { path: 'usage', ...(unit ? { unit } : {}) } }), {
        name: 'Lind',
        phone: '1',
        usage: value,
      });

    it.each([
      [4500, undefined, 4500],
      ['4 500', 'kWh', 4500],
      ['4\u00a0500,4', 'kWh', 4500],
      [4.5, 'MWh', 4500],
      ['18,5', 'MWh', 18_500],
      ['0.0015', 'MWh', 2],
      [0, 'kWh', 0],
    ] as const)('reads %j %s as %d kWh', (value, unit, kwh) => {
      // Act
      const result = consumption(value, unit);

      // Assess
      expect(result).toMatchObject({ fields: { annualConsumptionKwh: kwh } });
    });

    it.each([
      [-1, 'usage holds -1, not an amount of kWh'],
      ['4.500.000', 'usage holds "4.500.000", not an amount of kWh'],
      ['about 4000', 'usage holds "about 4000", not an amount of kWh'],
      [{ value: 4 }, 'usage holds an object, not an amount of kWh'],
      [1e300, 'usage: 1e+300 kWh is too large'],
    ])('refuses %j', (value, reason) => {
      // Act
      const result = consumption(value);

      // Assess
      expect(result).toEqual({ invalid: [{ name: 'annualConsumptionKwh', reason }] });
    });

    it('leaves it out when the payload has none', () => {
      // Act
      const result = consumption('');

      // Assess
      expect(result).toEqual({ fields: { firstName: 'Lind', phone: '1', segment: 'B2C', attribution: {} } });
    });
  });
});

describe('leadMappingSchema', () => {
  const valid = mapping({});

  it('refuses a mapping that cannot name the lead or reach it', () => {
    // Act
    const result = leadMappingSchema.safeParse({
      fields: { segment: { default: 'B2C' }, message: { path: 'm' } },
    });

    // Assess
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'map one of firstName, lastName, fullName, companyName',
      'map email, phone or both',
    ]);
  });

  it.each([
    ['an empty key', { ...valid.fields, phone: { path: 'contact..phone' } }, ['fields', 'phone', 'path']],
    ['a field it does not know', { ...valid.fields, nickname: { path: 'nick' } }, ['fields']],
    [
      'a value that is not ours',
      { ...valid.fields, segment: { path: 't', values: { x: 'B2X' } } },
      ['fields', 'segment', 'values', 'x'],
    ],
    ['a choice with neither path nor default', { ...valid.fields, commodity: {} }, ['fields', 'commodity']],
    [
      'a path too deep',
      { ...valid.fields, phone: { path: 'a.b.c.d.e.f.g.h.i.j.k.l.m' } },
      ['fields', 'phone', 'path'],
    ],
  ])('refuses %s', (_case, fields, path) => {
    // Act
    const result = leadMappingSchema.safeParse({ fields });

    // Assess
    expect(result.error?.issues.map((i) => i.path)).toEqual([path]);
  });

  it('fills the consumption unit in as kWh', () => {
    // Act
    const parsed = leadMappingSchema.parse({
      fields: { ...valid.fields, annualConsumptionKwh: { path: 'u' } },
    });

    // Assess
    expect(parsed.fields.annualConsumptionKwh).toEqual({ path: 'u', unit: 'kWh' });
  });
});
