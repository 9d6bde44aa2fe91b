import { describe, expect, it } from 'vitest';
import { isOneClickBody, unsubscribeHeaders } from '#domain/newsletters/unsubscribe-headers';

describe('the one-click unsubscribe headers', () => {
  it('name the https link and the one-click POST', () => {
    // Act
    const headers = unsubscribeHeaders('https://crm.example.com/u/abc.def');

    // Assess
    expect(headers).toEqual([
      { name: 'List-Unsubscribe', value: '<https://crm.example.com/u/abc.def>' },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ]);
  });

  it('write the link so that it cannot close the brackets or break the header', () => {
    // Act
    const [listUnsubscribe] = unsubscribeHeaders('https://crm.example.com/u/a>b c?x=<y>');

    // Assess
    expect(listUnsubscribe?.value).toBe('<https://crm.example.com/u/a%3Eb%20c?x=%3Cy%3E>');
  });

  it('refuse a link that is not https as a wiring fault', () => {
    // Act
    const links = ['http://crm.example.com/u/t', 'mailto:leave@example.com', '/u/t', ''];

    // Assess
    for (const link of links) expect(() => unsubscribeHeaders(link)).toThrow(/https/);
  });

  it('take plain http only on loopback, where the local runtime answers', () => {
    // Act
    const [listUnsubscribe] = unsubscribeHeaders('http://127.0.0.1:4000/v1/unsubscribe/t');

    // Assess
    expect(listUnsubscribe?.value).toBe('<http://127.0.0.1:4000/v1/unsubscribe/t>');
    expect(() => unsubscribeHeaders('http://127.0.0.1.example.com/u/t')).toThrow(/https/);
  });
});

describe('a one-click unsubscribe body', () => {
  it('is the urlencoded form with List-Unsubscribe=One-Click', () => {
    // Act
    const plain = isOneClickBody('application/x-www-form-urlencoded', 'List-Unsubscribe=One-Click');
    const withCharset = isOneClickBody(
      'Application/X-WWW-Form-Urlencoded; charset=utf-8',
      'List-Unsubscribe=One-Click',
    );
    const withoutType = isOneClickBody(undefined, 'List-Unsubscribe=One-Click');
    const amongOthers = isOneClickBody('application/x-www-form-urlencoded', 'a=1&List-Unsubscribe=One-Click');

    // Assess
    expect([plain, withCharset, withoutType, amongOthers]).toEqual([true, true, true, true]);
  });

  it('is not any other form or content type', () => {
    // Prepare
    const form = 'application/x-www-form-urlencoded';

    // Act
    const answers = [
      isOneClickBody(form, ''),
      isOneClickBody(form, 'List-Unsubscribe=one-click'),
      isOneClickBody(form, 'list-unsubscribe=One-Click'),
      isOneClickBody(form, 'List-Unsubscribe=One-Click-Later'),
      isOneClickBody(form, 'List-Unsubscribe'),
      isOneClickBody('application/json', 'List-Unsubscribe=One-Click'),
      isOneClickBody('text/plain', 'List-Unsubscribe=One-Click'),
      isOneClickBody('multipart/form-data; boundary=x', 'List-Unsubscribe=One-Click'),
    ];

    // Assess
    expect(answers.every((answer) => answer === false)).toBe(true);
  });

  it('is also the multipart form RFC 8058 asks mail receivers to send', () => {
    // Prepare
    const multipart = (name: string, value: string, boundary = '----x7MA4YWxkTrZu0gW') =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--${boundary}--\r\n`;

    // Act
    const answers = [
      isOneClickBody(
        'multipart/form-data; boundary=----x7MA4YWxkTrZu0gW',
        multipart('List-Unsubscribe', 'One-Click'),
      ),
      isOneClickBody(
        'multipart/form-data; boundary="q b"',
        multipart('List-Unsubscribe', 'One-Click', 'q b'),
      ),
      isOneClickBody(
        'multipart/form-data; boundary=----x7MA4YWxkTrZu0gW',
        multipart('List-Unsubscribe', 'one-click'),
      ),
      isOneClickBody('multipart/form-data; boundary=----x7MA4YWxkTrZu0gW', multipart('Other', 'One-Click')),
      isOneClickBody('multipart/form-data', multipart('List-Unsubscribe', 'One-Click')),
    ];

    // Assess
    expect(answers).toEqual([true, true, false, false, false]);
  });
});
