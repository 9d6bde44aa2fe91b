import { describe, expect, it } from 'vitest';
import { isOneClickBody } from '#domain/newsletters/unsubscribe-headers';
import { pageLanguageOf, unsubscribePage } from '#domain/newsletters/unsubscribe-page';

describe('the unsubscribe page', () => {
  it('asks in the tenant’s language, with a button that posts the one-click form without a script', () => {
    // Act
    const page = unsubscribePage(pageLanguageOf('SE'), 'confirm', 'Norrsken Energi AB');

    // Assess
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('Vill du sluta få nyhetsbrev från Norrsken Energi AB?');
    expect(page).toContain('<form method="post">');
    expect(page).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(page).not.toContain('<script');
    // What the form posts is what a mail client's one-click POST is.
    expect(isOneClickBody('application/x-www-form-urlencoded', 'List-Unsubscribe=One-Click')).toBe(true);
  });

  it('says done or no longer valid in Slovak and English, naming only the tenant, escaped', () => {
    // Act
    const done = unsubscribePage(pageLanguageOf('SK'), 'done', 'Tatra Energia s.r.o.');
    const invalid = unsubscribePage(pageLanguageOf('DE'), 'invalid', 'A <b>&</b> B');

    // Assess
    expect(done).toContain('Od spoločnosti Tatra Energia s.r.o. už nebudete dostávať newsletter.');
    expect(done).not.toContain('<form');
    expect(invalid).toContain('<html lang="en">');
    expect(invalid).toContain('Contact A &lt;b&gt;&amp;&lt;/b&gt; B to stop the newsletter.');
  });
});
