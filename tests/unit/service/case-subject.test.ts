import { describe, expect, it } from 'vitest';
import { caseToken, caseTokenOf, replySubject } from '#domain/service/case-subject';

describe('caseTokenOf', () => {
  it.each([
    ['Re: Faktura [#C-1234]', 1234],
    ['[#C-1234] at the start', 1234],
    ['lower case [#c-77]', 77],
    ['spaces inside [ # C - 1234 ]', 1234],
    ['tabs inside [#\tC-\t5]', 5],
    ['leading zeros [#C-0042]', 42],
    ['no space before it:x[#C-9]y', 9],
    ['the first of two [#C-12] [#C-34]', 12],
    ['SV: VB: Re: Elmätare [#C-987654]', 987654],
  ])('finds the case number in %j', (subject, number) => {
    expect(caseTokenOf(subject)).toBe(number);
  });

  it.each([
    'No token here',
    'C-1234 without brackets',
    '#C-1234 without brackets',
    '[C-1234] without the hash',
    '[#C-] without a number',
    '[#C-12a] with a letter',
    '[#C-0] zero',
    '[#D-1234] another prefix',
    '[#C-1234 not closed',
    '',
  ])('finds none in %j', (subject) => {
    expect(caseTokenOf(subject)).toBeUndefined();
  });

  it('reads back what caseToken writes', () => {
    expect(caseTokenOf(`Hello ${caseToken(31_337)}`)).toBe(31_337);
  });
});

describe('caseToken', () => {
  it('writes the number with the case prefix in brackets', () => {
    expect(caseToken(1234)).toBe('[#C-1234]');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %d, which is no case number', (number) => {
    expect(() => caseToken(number)).toThrow(RangeError);
  });
});

describe('replySubject', () => {
  it.each([
    ['Faktura saknas', 'Re: Faktura saknas [#C-7]'],
    ['Re: Faktura saknas', 'Re: Faktura saknas [#C-7]'],
    ['RE: re: Re:Faktura saknas', 'Re: Faktura saknas [#C-7]'],
    ['SV: VB: Faktura saknas', 'Re: Faktura saknas [#C-7]'],
    ['AW: Fwd: Fw: Rechnung', 'Re: Rechnung [#C-7]'],
    ['Odp: PD: Faktúra za plyn', 'Re: Faktúra za plyn [#C-7]'],
    ['VS: Lasku', 'Re: Lasku [#C-7]'],
    ['RE[2]: Faktura', 'Re: Faktura [#C-7]'],
    ['Re: Faktura saknas [#C-7]', 'Re: Faktura saknas [#C-7]'],
    ['Re: [#C-7] Re: Faktura saknas', 'Re: Faktura saknas [#C-7]'],
    ['Re: Faktura [ #c-3 ] saknas', 'Re: Faktura saknas [#C-7]'],
    ['Faktura\r\n saknas', 'Re: Faktura saknas [#C-7]'],
  ])('answers %j with %j', (subject, reply) => {
    expect(replySubject(subject, 7)).toBe(reply);
  });

  it('keeps words that only start like a prefix', () => {
    expect(replySubject('Reading of the meter', 7)).toBe('Re: Reading of the meter [#C-7]');
  });

  it('is the token alone when the subject has no words of its own', () => {
    expect(replySubject('Re: [#C-7]', 7)).toBe('Re: [#C-7]');
    expect(replySubject('', 7)).toBe('Re: [#C-7]');
  });
});
