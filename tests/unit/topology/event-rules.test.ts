import { describe, expect, it } from 'vitest';
import { eventCatalogue, isEventName } from '#domain/event-catalogue';
import { eventSources } from '#domain/service-context';
import { eventRule } from '../../../lib/event-rule';
import { topology } from '../../../lib/topology';
import type { EventRuleDefinition } from '../../../lib/topology-types';

/** The detail-types of a rule that are not events of the catalogue from the rule's sources. */
const strangers = (rule: EventRuleDefinition) =>
  (rule.detailTypes ?? []).filter(
    (type) => !isEventName(type) || !rule.sources.includes(eventCatalogue[type].source),
  );

const onDomainBus = (rule: EventRuleDefinition) => (rule.bus ?? 'domain') === 'domain';

describe('the event rules of the topology', () => {
  it('name only events of the catalogue, each from the rule’s source', () => {
    expect(topology.rules.filter(onDomainBus).flatMap(strangers)).toEqual([]);
  });

  it('on the default bus listen to AWS services only, never to domain events', () => {
    const awsRules = topology.rules.filter((rule) => !onDomainBus(rule));

    expect(awsRules.map((r) => r.name)).toEqual(['record-mail-feedback']);
    expect(awsRules.flatMap((r) => r.sources).filter((source) => !source.startsWith('aws.'))).toEqual([]);
  });

  it('send every queue’s events to a function of that queue', () => {
    const consumed = new Set(
      topology.functions.flatMap((f) => (f.trigger.kind === 'queue' ? [f.trigger.queue] : [])),
    );
    expect(topology.rules.filter((rule) => !consumed.has(rule.targetQueue))).toEqual([]);
  });

  it('cannot name an event that does not exist, or one of another source (the compiler refuses them)', () => {
    // Act
    const unknown = eventRule({
      name: 'merge-accounts',
      description: 'no such event',
      source: eventSources.accounts,
      // @ts-expect-error: not an event of the catalogue
      detailTypes: ['AccountMerged'],
      targetQueue: 'audit',
    });
    const elsewhere = eventRule({
      name: 'leads-from-accounts',
      description: 'an event of another source',
      source: eventSources.accounts,
      // @ts-expect-error: LeadCreated is a gridline.sales event
      detailTypes: ['LeadCreated'],
      targetQueue: 'audit',
    });

    // Assess
    expect([strangers(unknown), strangers(elsewhere)]).toEqual([['AccountMerged'], ['LeadCreated']]);
  });
});
