import type { DomainEvent } from '#domain/events';

/**
 * The subjects of this module's events: a setting (or, for a reorder, the
 * list of one kind, named by the kind) and a background job. Their history
 * lives in the setting's and the job's partition.
 */
export type SettingsSubjectType = 'setting' | 'job';

export function settingsSubject(type: SettingsSubjectType, id: string): DomainEvent['subject'] {
  return { type, id };
}
