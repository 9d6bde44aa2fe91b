import { describe, expect, it } from 'vitest';
import { newsletterHtmlSanitiser } from '#adapters/html/newsletter-html-sanitiser';
import { newsletterBody } from '#domain/newsletters/newsletter-body';

describe('a newsletter’s body', () => {
  it('keeps formatting, links and https images, and makes the text part from them', () => {
    // Prepare
    const html =
      '<h1>Nytt elpris</h1><p>Från <strong>1 februari</strong> sänker vi priset.</p>' +
      '<ul><li>Fast pris</li><li>Rörligt pris</li></ul>' +
      '<p><a href="https://norrsken.example/pris">Läs mer</a></p><img src="https://norrsken.example/logo.png" alt="Norrsken">';

    // Act
    const body = newsletterBody(html, newsletterHtmlSanitiser);

    // Assess
    expect(body.html).toBe(html.replace('alt="Norrsken">', 'alt="Norrsken" />'));
    expect(body.changed).toBe(false);
    expect(body.text).toContain('Nytt elpris');
    expect(body.text).toContain('Från 1 februari sänker vi priset.');
    expect(body.text).toContain('Fast pris');
  });

  it('removes what runs or submits: scripts, handlers, forms, frames, javascript links, inline styles', () => {
    // Prepare
    const html =
      '<p onclick="steal()" style="color:red">Hej</p><script>alert(1)</script>' +
      '<form action="https://evil.example"><input name="pin"><button>OK</button></form>' +
      '<iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">klicka</a>' +
      '<img src="http://insecure.example/x.png"><style>p{}</style>';

    // Act
    const body = newsletterBody(html, newsletterHtmlSanitiser);

    // Assess
    expect(body.changed).toBe(true);
    expect(body.html).toBe('<p>Hej</p>OK<a>klicka</a><img />');
    expect(body.text).not.toContain('alert');
  });
});
