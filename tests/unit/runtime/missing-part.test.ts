import { describe, expect, it } from 'vitest';
import { missingPart } from '#runtime/missing-part';

interface Mailer {
  send(to: string): Promise<void>;
}

describe('a part a function was not given', () => {
  it('names the part and the call on any call', () => {
    const mailer = missingPart<Mailer>('mailer');

    expect(() => mailer.send('a@b.example')).toThrow('this function has no mailer (send)');
  });

  it('is not a thenable, so wiring that resolves to it still resolves', async () => {
    const wiring = async () => ({ mailer: missingPart<Mailer>('mailer') });

    const { mailer } = await wiring();
    const awaited = await Promise.resolve(mailer);

    expect(awaited).toBe(mailer);
    expect(() => awaited.send('a@b.example')).toThrow('this function has no mailer (send)');
  });
});
