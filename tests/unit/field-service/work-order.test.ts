import { describe, expect, it } from 'vitest';
import { ConflictError } from '#domain/errors';
import { assertWorkOrderMove, canMoveWorkOrder } from '#domain/field-service/work-order';

describe('the work order life', () => {
  it.each([
    ['new', 'scheduled'],
    ['scheduled', 'dispatched'],
    ['dispatched', 'in-progress'],
    ['in-progress', 'completed'],
    ['completed', 'closed'],
    ['scheduled', 'new'],
    ['in-progress', 'cannot-complete'],
    ['cannot-complete', 'scheduled'],
    ['on-hold', 'scheduled'],
  ] as const)('lets a %s work order become %s', (from, to) => {
    expect(canMoveWorkOrder(from, to)).toBe(true);
  });

  it.each([
    ['new', 'completed'],
    ['in-progress', 'cancelled'],
    ['completed', 'in-progress'],
    ['closed', 'new'],
    ['cancelled', 'scheduled'],
  ] as const)('refuses a %s work order becoming %s with 409 invalid-state', (from, to) => {
    // Act
    const refused = (() => {
      try {
        assertWorkOrderMove(from, to);
        return undefined;
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ code: 'invalid-state' });
  });
});
