import type { EventSubject } from '#domain/events';

/**
 * The subjects of this module's events: a setting (or, for a reorder, the
 * list of one kind, named by the kind) and a background job. Their history
 * lives in the setting's and the job's partition.
 */
export type SettingsSubjectType = 'setting' | 'job';

export function settingsSubject<T extends SettingsSubjectType>(type: T, id: string): EventSubject<T> {
  return { type, id };
}
