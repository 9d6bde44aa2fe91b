import { describe, expect, it } from 'vitest';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '#domain/errors';
import { DeliveryError } from '#domain/messaging/delivery-error';
import { HttpError } from '#http/http-error';
import { problemOf } from '#http/problem';
import { problemCodes, problemTypeOf } from '#http/problem-types';

describe('problemTypeOf', () => {
  it('gives every code its own type URI, a title and an error status', () => {
    // Act
    const types = problemCodes.map((code) => ({ code, ...problemTypeOf(code) }));

    // Assess
    expect(types.length).toBeGreaterThan(20);
    expect(new Set(types.map((t) => t.type)).size).toBe(types.length);
    for (const t of types) {
      expect(t.type, t.code).toBe(`urn:gridline:problem:${t.code}`);
      expect(t.title.trim(), t.code).not.toBe('');
      expect(t.status, t.code).toBeGreaterThanOrEqual(400);
      expect(t.status, t.code).toBeLessThan(600);
    }
  });

  it('keeps the types clients already rely on', () => {
    // Act
    const kept = ['validation', 'not-found', 'version-mismatch', 'forbidden', 'unauthorized'] as const;

    // Assess
    expect(kept.map((code) => [problemTypeOf(code).type, problemTypeOf(code).status])).toEqual([
      ['urn:gridline:problem:validation', 400],
      ['urn:gridline:problem:not-found', 404],
      ['urn:gridline:problem:version-mismatch', 412],
      ['urn:gridline:problem:forbidden', 403],
      ['urn:gridline:problem:unauthorized', 401],
    ]);
  });
});

describe('problemOf', () => {
  it('answers a conflict with its precise type, not a generic conflict', () => {
    // Prepare
    const inUse = new ConflictError('setting-in-use', "category 'VIP' is used by 2 accounts");
    const taken = new ConflictError('org-number-taken', 'another account has this organisation number', [
      { name: 'orgNumber', reason: 'taken' },
    ]);

    // Act
    const problems = [problemOf(inUse), problemOf(taken)];

    // Assess
    expect(problems).toEqual([
      {
        type: 'urn:gridline:problem:setting-in-use',
        title: 'Setting in use',
        status: 409,
        detail: "category 'VIP' is used by 2 accounts",
      },
      {
        type: 'urn:gridline:problem:org-number-taken',
        title: 'Organisation number taken',
        status: 409,
        detail: 'another account has this organisation number',
        'invalid-params': [{ name: 'orgNumber', reason: 'taken' }],
      },
    ]);
  });

  it('maps every kind of domain error by the code it carries', () => {
    // Prepare
    const errors = [
      new ValidationError([{ name: 'name', reason: 'is required' }]),
      new NotFoundError('account', 'A1'),
      new DomainError('number-too-large', 'the annual cost is too large to compute exactly'),
      new DeliveryError('unknown', 'no answer from SES'),
    ];

    // Act
    const found = errors.map((error) => {
      const problem = problemOf(error);
      return problem && [problem.type, problem.status];
    });

    // Assess
    expect(found).toEqual([
      ['urn:gridline:problem:validation', 400],
      ['urn:gridline:problem:not-found', 404],
      ['urn:gridline:problem:number-too-large', 422],
      ['urn:gridline:problem:delivery-outcome-unknown', 504],
    ]);
  });

  it('answers an HTTP error with the status and title of its code', () => {
    // Act
    const error = new HttpError(
      'idempotency-key-reused',
      'This Idempotency-Key was used for another request.',
    );

    // Assess
    expect(problemOf(error)).toMatchObject({
      type: 'urn:gridline:problem:idempotency-key-reused',
      status: 422,
      title: 'Idempotency-Key reused',
    });
  });

  it('leaves anything else to the caller’s 500', () => {
    expect(problemOf(new Error('connect ECONNREFUSED'))).toBeUndefined();
  });
});
