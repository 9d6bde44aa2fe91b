import { describe, expect, it } from 'vitest';
import {
  caseIdOfReference,
  messageIdsIn,
  outboundMessageId,
  threadingHeaders,
} from '#domain/service/mail-threading';

const domain = 'service.gridline.example';
const caseId = '01JZ8Q7K3M4N5P6R7S8T9V0W1X';

describe('outboundMessageId', () => {
  it('names the case and the message on our domain, in angle brackets', () => {
    expect(outboundMessageId(caseId, 'MSG1', domain)).toBe(`<case.${caseId}.MSG1@${domain}>`);
  });

  it.each([
    ['a case id with a dot', 'a.b', 'm', domain],
    ['a message id with a space', caseId, 'm 1', domain],
    ['an empty case id', '', 'm', domain],
    ['a domain with a bracket', caseId, 'm', 'x>.example'],
  ])('refuses %s', (_, id, messageId, on) => {
    expect(() => outboundMessageId(id, messageId, on)).toThrow(RangeError);
  });
});

describe('caseIdOfReference', () => {
  it('reads the case back from our own id, with or without brackets', () => {
    // Prepare
    const id = outboundMessageId(caseId, 'MSG1', domain);

    // Act
    const found = [caseIdOfReference(id, domain), caseIdOfReference(id.slice(1, -1), domain)];

    // Assess
    expect(found).toEqual([caseId, caseId]);
  });

  it('matches the domain in any case', () => {
    expect(caseIdOfReference(`<case.${caseId}.M@SERVICE.Gridline.example>`, domain)).toBe(caseId);
  });

  it.each([
    ['another domain', `<case.${caseId}.M@other.example>`],
    ['a domain that only ends like ours', `<case.${caseId}.M@evil${domain}>`],
    ['an id of SES', '<0100019a-3f2e-4c1b@email.amazonses.com>'],
    ['another prefix', `<deal.${caseId}.M@${domain}>`],
    ['no message part', `<case.${caseId}@${domain}>`],
    ['a part too many', `<case.${caseId}.M.X@${domain}>`],
    ['no @', `<case.${caseId}.M>`],
  ])('finds no case in %s', (_, reference) => {
    expect(caseIdOfReference(reference, domain)).toBeUndefined();
  });
});

describe('threadingHeaders', () => {
  const own = outboundMessageId(caseId, 'OUT3', domain);

  it('answers the last mail and names the thread with its own id last', () => {
    // Act
    const headers = threadingHeaders(['first@customer.example', 'second@customer.example'], own);

    // Assess
    expect(headers).toEqual({
      inReplyTo: '<second@customer.example>',
      references: `<first@customer.example> <second@customer.example> ${own}`,
    });
  });

  it('has only References with its own id when nothing came before', () => {
    expect(threadingHeaders([], own)).toEqual({ references: own });
  });

  it('keeps 20 ids at most: the first, the latest and its own', () => {
    // Prepare
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}@customer.example`);

    // Act
    const { inReplyTo, references } = threadingHeaders(ids, own);

    // Assess
    const listed = references.split(' ');
    expect(listed).toHaveLength(20);
    expect(listed[0]).toBe('<m0@customer.example>');
    expect(listed[1]).toBe('<m12@customer.example>');
    expect(listed.at(-2)).toBe('<m29@customer.example>');
    expect(listed.at(-1)).toBe(own);
    expect(inReplyTo).toBe('<m29@customer.example>');
  });

  it('leaves out ids that would break the header', () => {
    // Act
    const headers = threadingHeaders(['ok@customer.example', 'bad id@x', 'x>\r\nBcc: y@z', ''], own);

    // Assess
    expect(headers).toEqual({
      inReplyTo: '<ok@customer.example>',
      references: `<ok@customer.example> ${own}`,
    });
  });

  it('refuses an own id that would break the header', () => {
    expect(() => threadingHeaders([], '<x>\r\nBcc: y@z>')).toThrow(RangeError);
  });

  it('lets a reply to the sent mail find its case even after SES replaced the Message-ID', () => {
    // Prepare: the customer's client copies References and adds SES's id (RFC 5322 §3.6.4).
    const sent = threadingHeaders(['first@customer.example'], own);
    const replyReferences = messageIdsIn(`${sent.references} <0100019a-3f2e@email.amazonses.com>`);

    // Act
    const found = replyReferences.map((id) => caseIdOfReference(id, domain)).filter(Boolean);

    // Assess
    expect(found).toEqual([caseId]);
  });
});

describe('messageIdsIn', () => {
  it.each([
    ['<a@x>', ['a@x']],
    ['  <a@x> <b@y>\t<c@z>', ['a@x', 'b@y', 'c@z']],
    ['<a@x>,<b@y>', ['a@x', 'b@y']],
    ['Your message of Monday <a@x>', ['a@x']],
    ['a@x b@y', ['a@x', 'b@y']],
    ['<a b@x>', []],
    ['', []],
  ])('reads %j as %j', (value, ids) => {
    expect(messageIdsIn(value)).toEqual(ids);
  });
});

describe('threadingHeaders within what SES takes', () => {
  it('keeps References under 870 characters, dropping the oldest after the first', () => {
    // Prepare
    const ids = Array.from(
      { length: 19 },
      (_, i) => `${String(i).padStart(2, '0')}.${'x'.repeat(60)}@mail.example`,
    );
    const own = '<case.01JCASE.01JMESSAGE@norrsken.example>';

    // Act
    const { references, inReplyTo } = threadingHeaders(ids, own);

    // Assess
    expect(references.length).toBeLessThanOrEqual(870);
    expect(references.startsWith(`<${ids[0]}>`)).toBe(true);
    expect(references.endsWith(` <${ids[18]}> ${own}`)).toBe(true);
    expect(inReplyTo).toBe(`<${ids[18]}>`);
  });

  it('leaves out an id too long to share the header', () => {
    // Act
    const { references } = threadingHeaders(
      [`${'y'.repeat(300)}@long.example`, 'a@b.example'],
      '<own@c.example>',
    );

    // Assess
    expect(references).toBe('<a@b.example> <own@c.example>');
  });
});
