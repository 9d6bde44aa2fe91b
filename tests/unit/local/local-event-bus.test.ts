import { describe, expect, it } from 'vitest';
import { matchesRule } from '../../../lib/local/local-event-bus';
import type { EventRuleDefinition } from '../../../lib/topology-types';

function rule(overrides: Partial<EventRuleDefinition> = {}): EventRuleDefinition {
  return {
    name: 'audit',
    description: 'Every accounts event to the audit queue',
    sources: ['gridline.accounts'],
    targetQueue: 'audit',
    ...overrides,
  };
}

describe('matchesRule', () => {
  it('matches any detail type of a listed source when the rule names no detail types', () => {
    // Act
    const created = matchesRule(rule(), 'gridline.accounts', 'AccountCreated');
    const deleted = matchesRule(rule(), 'gridline.accounts', 'ContactDeleted');

    // Assess
    expect(created).toBe(true);
    expect(deleted).toBe(true);
  });

  it('does not match another source', () => {
    // Act
    const matched = matchesRule(rule(), 'gridline.billing', 'AccountCreated');

    // Assess
    expect(matched).toBe(false);
  });

  it('matches only the listed detail types when the rule names some', () => {
    // Prepare
    const onlyContacts = rule({
      sources: ['gridline.accounts', 'gridline.import'],
      detailTypes: ['ContactCreated'],
    });

    // Act
    const listed = matchesRule(onlyContacts, 'gridline.import', 'ContactCreated');
    const unlisted = matchesRule(onlyContacts, 'gridline.accounts', 'AccountCreated');

    // Assess
    expect(listed).toBe(true);
    expect(unlisted).toBe(false);
  });

  it('matches source and detail type exactly, not by prefix or case', () => {
    // Prepare
    const onlyContacts = rule({ detailTypes: ['ContactCreated'] });

    // Act
    const prefix = matchesRule(onlyContacts, 'gridline', 'ContactCreated');
    const otherCase = matchesRule(onlyContacts, 'gridline.accounts', 'contactcreated');

    // Assess
    expect(prefix).toBe(false);
    expect(otherCase).toBe(false);
  });
});
