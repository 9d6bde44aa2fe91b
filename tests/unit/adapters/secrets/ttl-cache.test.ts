import { describe, expect, it } from 'vitest';
import { TtlCache } from '#adapters/secrets/ttl-cache';

describe('TtlCache', () => {
  it('keeps each key for its own period', async () => {
    // Prepare
    let clock = 0;
    const cache = new TtlCache<string>(1000, () => clock);
    const loads: string[] = [];
    const load = (value: string) => async () => {
      loads.push(value);
      return value;
    };
    await cache.get('a', load('a1'));
    clock = 500;
    await cache.get('b', load('b1'));

    // Act
    clock = 1000;
    const a = await cache.get('a', load('a2'));
    const b = await cache.get('b', load('b2'));

    // Assess
    expect([a, b]).toEqual(['a2', 'b1']);
    expect(loads).toEqual(['a1', 'b1', 'a2']);
  });

  it('loads a forgotten key again at once', async () => {
    // Prepare
    const cache = new TtlCache<number>(60_000);
    await cache.get('source', async () => 1);

    // Act
    cache.forget('source');
    const value = await cache.get('source', async () => 2);

    // Assess
    expect(value).toBe(2);
  });
});
