import { describe, expect, it } from 'vitest';
import { createdResult, idempotencyToken } from '#api/common/idempotent-create';

describe('createdResult', () => {
  it('answers a first create with the value and its version, and no replay header', () => {
    // Act
    const result = createdResult({ value: { id: 'a-1', version: 1 }, replayed: false });

    // Assess
    expect(result).toEqual({ body: { id: 'a-1', version: 1 }, version: 1, headers: undefined });
  });

  it('answers a retried create like the first one, and says it is a replay', () => {
    // Act
    const result = createdResult({ value: { id: 'a-1', version: 1 }, replayed: true });

    // Assess
    expect(result).toEqual({
      body: { id: 'a-1', version: 1 },
      version: 1,
      headers: { 'idempotent-replayed': 'true' },
    });
  });

  it('sends no version for a value that has none', () => {
    // Act
    const result = createdResult({ value: { id: 'note-1', text: 'Called back' }, replayed: false });

    // Assess
    expect(result.version).toBeUndefined();
  });
});

describe('idempotencyToken', () => {
  it('files the request key and hash under the operation', () => {
    // Act
    const token = idempotencyToken('createAccount', { key: 'k-1', requestHash: 'h-1' });

    // Assess
    expect(token).toEqual({ operationId: 'createAccount', key: 'k-1', requestHash: 'h-1' });
  });

  it('is absent when the request carries no key', () => {
    expect(idempotencyToken('createAccount', undefined)).toBeUndefined();
  });
});
