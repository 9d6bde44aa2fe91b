import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from '#adapters/storage/content-disposition';

describe('attachmentDisposition', () => {
  it('gives a plain ASCII name as it is, in both forms', () => {
    // Act
    const header = attachmentDisposition('offer-2025.pdf');

    // Assess
    expect(header).toBe(`attachment; filename="offer-2025.pdf"; filename*=UTF-8''offer-2025.pdf`);
  });

  it('folds accents in the fallback and keeps the exact name encoded', () => {
    // Act
    const header = attachmentDisposition('Elavtal Ödegård.pdf');

    // Assess
    expect(header).toBe(
      `attachment; filename="Elavtal Odegard.pdf"; filename*=UTF-8''Elavtal%20%C3%96deg%C3%A5rd.pdf`,
    );
  });

  it('cannot be broken out of by quotes, backslashes or line breaks in the name', () => {
    // Act
    const header = attachmentDisposition('a"b\\c\r\nSet-Cookie: x=1\'(y).txt');

    // Assess
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="a_b_c__Set-Cookie: x=1'(y).txt"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%27%28y%29.txt`,
    );
  });
});
