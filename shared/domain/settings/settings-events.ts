import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { JobView } from './job';
import { type Setting, settingKinds } from './setting';

const settings = eventsOf(eventSources.accounts);

const withSetting = z.object({ setting: entity<Setting>('Setting', { apiSchema: false }) });
const jobStep = { jobId: z.string().min(1), step: z.int().nonnegative() };

/** Tenant settings and the move-customers jobs that re-point accounts from one industry to another. */
export const settingsEvents = {
  SettingCreated: settings({
    when: 'a tenant setting is created (a category, industry, status type, contact type, keyword, deal stage, loss reason, deal type or user group)',
    subjects: ['setting'],
    data: withSetting,
  }),
  SettingUpdated: settings({ when: 'a tenant setting changes', subjects: ['setting'], data: withSetting }),
  SettingDeleted: settings({
    when: 'a tenant setting is deleted (soft delete)',
    subjects: ['setting'],
    data: z.object({ kind: z.enum(settingKinds), settingId: z.string().min(1) }),
  }),
  SettingsReordered: settings({
    when: 'the status types or deal stages are put in a new order (the subject is the list, named by its kind)',
    subjects: ['setting'],
    data: z.object({ kind: z.enum(settingKinds), ids: z.array(z.string().min(1)).readonly() }),
  }),
  MoveCustomersRequested: settings({
    when: 'a move-customers job is requested; its first step runs from this event',
    subjects: ['job'],
    data: z.object({
      ...jobStep,
      fromIndustryId: z.string().min(1),
      toIndustryId: z.string().min(1),
      deleteSourceWhenDone: z.boolean(),
    }),
  }),
  MoveCustomersContinued: settings({
    when: 'a step of a move-customers job hands over to the next one',
    subjects: ['job'],
    data: z.object({ ...jobStep, done: z.int().nonnegative(), total: z.int().nonnegative() }),
  }),
  MoveCustomersFinished: settings({
    when: 'a move-customers job is done or failed',
    subjects: ['job'],
    data: z.object({ jobId: z.string().min(1), job: entity<JobView>('Job') }),
  }),
};

export const newSettingsEvent = eventFactory(settingsEvents);
