import { describe, expect, it } from 'vitest';
import { channelText, clipText, tidyText, userTextProblem } from '#domain/user-text';

describe('tidyText', () => {
  it('composes a decomposed accent into NFC', () => {
    // Act
    const tidy = tidyText('Lo\u0301pez Dvor\u030ca\u0301k');

    // Assess
    expect(tidy).toBe('L\u00f3pez Dvo\u0159\u00e1k');
    expect(tidy).toHaveLength(12);
  });

  it('trims white space at both ends, line breaks included, and keeps it inside', () => {
    // Act
    const tidy = tidyText(' \t\u00a0Anna  Berg\n\r\n ');

    // Assess
    expect(tidy).toBe('Anna  Berg');
  });

  it('does not trim U+FEFF away, so that it is refused rather than hidden', () => {
    // Act
    const tidy = tidyText('\ufeffAnna');

    // Assess
    expect(tidy).toBe('\ufeffAnna');
  });
});

describe('userTextProblem', () => {
  it('accepts letters of any script, punctuation and emoji on one line', () => {
    // Act
    const problems = ['Öresund Kraft AB', 'Žilina – Štúrova 12', 'שלום', 'Ǆ ∑ € 🙂', ''].map((v) =>
      userTextProblem(v, 'line'),
    );

    // Assess
    expect(problems).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('accepts line breaks and tabs in multiline text only', () => {
    // Prepare
    const text = 'Hej!\r\nRing efter 15.\n\tTack';

    // Act
    const multiline = userTextProblem(text, 'multiline');
    const line = userTextProblem(text, 'line');

    // Assess
    expect(multiline).toBeUndefined();
    expect(line).toBe('contains a line break or tab (U+000D): one line of text is expected');
  });

  it.each([
    ['A\ud800B', 'contains a lone surrogate (U+D800): not valid Unicode text'],
    ['A\udc00', 'contains a lone surrogate (U+DC00): not valid Unicode text'],
    ['A\u0000B', 'contains the control character U+0000'],
    ['A\u001bB', 'contains the control character U+001B'],
    ['A\u007fB', 'contains the control character U+007F'],
    ['A\u0085B', 'contains the control character U+0085'],
    ['A\u009fB', 'contains the control character U+009F'],
    ['abc\u202Etxt.exe', 'contains U+202E, a bidirectional control character'],
    ['A\u202aB', 'contains U+202A, a bidirectional control character'],
    ['A\u2066B\u2069', 'contains U+2066, a bidirectional control character'],
    ['A\u2069', 'contains U+2069, a bidirectional control character'],
    ['\ufeffA', 'contains U+FEFF, a byte order mark or zero-width no-break space'],
  ])('refuses %j in both kinds', (value, reason) => {
    // Act
    const problems = [userTextProblem(value, 'line'), userTextProblem(value, 'multiline')];

    // Assess
    expect(problems).toEqual([reason, reason]);
  });

  it('accepts a surrogate pair, which is one character', () => {
    // Act
    const problem = userTextProblem('\ud83d\ude42', 'line');

    // Assess
    expect(problem).toBeUndefined();
  });
});

describe('channelText', () => {
  it('drops what the text rules refuse, so that the result passes them', () => {
    // Prepare
    const sent = '\ufeffHej\u0000 fakturan \u202eexe.pdf\u202c är\u0007 för hög\ud800\t!\r\nMvh';

    // Act
    const line = channelText(sent, 'line');
    const multiline = channelText(sent, 'multiline');

    // Assess
    expect(line).toBe('Hej fakturan exe.pdf är för hög !  Mvh');
    expect(multiline).toBe('Hej fakturan exe.pdf är för hög\t!\r\nMvh');
    expect(userTextProblem(line, 'line')).toBeUndefined();
    expect(userTextProblem(multiline, 'multiline')).toBeUndefined();
  });

  it('keeps text that is already text, in NFC and trimmed', () => {
    // Act
    const kept = channelText('  Lo\u0301pez 👋\n', 'multiline');

    // Assess
    expect(kept).toBe('L\u00f3pez 👋');
  });
});

describe('clipText', () => {
  it('never cuts a character in half', () => {
    // Act
    const clipped = clipText('ab👋c', 3);

    // Assess
    expect(clipped).toBe('ab');
    expect(clipText('ab👋c', 4)).toBe('ab👋');
    expect(clipText('abc', 5)).toBe('abc');
  });
});
