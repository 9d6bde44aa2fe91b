import { describe, expect, it } from 'vitest';
import { plainTextOfHtml } from '#domain/service/html-text';

describe('plainTextOfHtml', () => {
  it('keeps the words and breaks lines at <br> and paragraphs', () => {
    // Prepare
    const html = '<html><body><p>Hej,</p>\n<p>mätaren visar\n fel.<br>Mvh<br/>Åsa</p></body></html>';

    // Act
    const text = plainTextOfHtml(html);

    // Assess
    expect(text).toBe('Hej,\n\nmätaren visar fel.\nMvh\nÅsa');
  });

  it('puts divs and list items on lines of their own', () => {
    expect(plainTextOfHtml('<div>one</div><div>two</div><ul><li>a</li><li>b</li></ul>')).toBe(
      'one\ntwo\n\na\nb',
    );
  });

  it('leaves out the head, styles, scripts and comments', () => {
    // Prepare
    const html =
      '<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head>' +
      '<body><!-- tracking --><script>alert(1)</script><p>Text</p></body></html>';

    // Act
    const text = plainTextOfHtml(html);

    // Assess
    expect(text).toBe('Text');
  });

  it('decodes character references after the tags are gone', () => {
    expect(plainTextOfHtml('<p>&lt;b&gt; &amp; &quot;x&quot; &#228; &#xE5; &nbsp;&euro;</p>')).toBe(
      '<b> & "x" ä å €',
    );
  });

  it('decodes the accented letters of Swedish and Slovak', () => {
    expect(
      plainTextOfHtml('&Aring;&auml;&ouml; &ccaron;&scaron;&zcaron;&lcaron;&ocirc;&yacute;&racute;'),
    ).toBe('Åäö čšžľôýŕ');
  });

  it('leaves unknown and invalid references as written', () => {
    expect(plainTextOfHtml('&bogus; &#0; &#xD800; &qcaron; AT&T')).toBe(
      '&bogus; &#0; &#xD800; &qcaron; AT&T',
    );
  });

  it('separates table cells', () => {
    expect(plainTextOfHtml('<table><tr><td>Mätare</td><td>123</td></tr></table>')).toBe('Mätare 123');
  });

  it('reads a long run of unclosed tags in linear time', () => {
    // Prepare
    const hostile =
      '<a'.repeat(200_000) + '<div '.repeat(50_000) + '<script'.repeat(50_000) + '<!--'.repeat(50_000);

    // Act
    const started = performance.now();
    plainTextOfHtml(hostile);
    const elapsed = performance.now() - started;

    // Assess
    expect(elapsed).toBeLessThan(2_000);
  });
});
