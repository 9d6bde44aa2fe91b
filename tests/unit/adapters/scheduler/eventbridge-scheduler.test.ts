import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBridgeActivityScheduler } from '#adapters/scheduler/eventbridge-scheduler';
import type { Activity } from '#domain/activities/activity';
import type { Schedule } from '#domain/activities/recurrence';

const scheduler = mockClient(SchedulerClient);
afterEach(() => scheduler.reset());

type ServiceError = typeof ConflictException | typeof ResourceNotFoundException | typeof ThrottlingException;
const failure = (Type: ServiceError, message: string) =>
  new Type({ Message: message, message, $metadata: {} });

const config = {
  groupName: 'gridline-run-time',
  targetArn: 'arn:aws:lambda:eu-north-1:123456789012:function:activity-due',
  roleArn: 'arn:aws:iam::123456789012:role/run-time-scheduler',
  now: () => new Date('2025-03-01T10:00:00Z'),
};

const adapter = (options: Partial<typeof config> & { deadLetterArn?: string } = {}) =>
  new EventBridgeActivityScheduler(new SchedulerClient({ region: 'eu-north-1' }), { ...config, ...options });

const activity = (schedule: Schedule, state: Activity['state'] = 'active'): Activity => ({
  id: '01JNACTIVITY00000000000000',
  tenantId: 'norrsken',
  createdAt: '2025-03-01T10:00:00.000Z',
  createdBy: 'norrsken-sales',
  updatedAt: '2025-03-01T10:00:00.000Z',
  updatedBy: 'norrsken-sales',
  version: 1,
  subject: { type: 'contact', id: '01JNCONTACT000000000000000' },
  title: 'Call about renewal',
  ownerId: 'norrsken-sales',
  schedule,
  timeZone: 'Europe/Stockholm',
  state,
});

const targetInput = JSON.stringify({
  tenantId: 'norrsken',
  activityId: '01JNACTIVITY00000000000000',
  occurrence: '<aws.scheduler.scheduled-time>',
});

describe('EventBridgeActivityScheduler', () => {
  it('creates a one-off schedule that invokes the due function once and then deletes itself', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    // Act
    await adapter().schedule(activity({ kind: 'once', at: '2025-03-02T08:00:00.000Z' }));

    // Assess
    const [call] = scheduler.commandCalls(CreateScheduleCommand);
    expect(call?.args[0].input).toEqual({
      Name: 'activity-norrsken-01JNACTIVITY00000000000000',
      GroupName: 'gridline-run-time',
      Description: 'Scheduled activity 01JNACTIVITY00000000000000 of tenant norrsken',
      ScheduleExpression: 'at(2025-03-02T08:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: config.targetArn, RoleArn: config.roleArn, Input: targetInput },
    });
  });

  it('creates an interval as a cron schedule in the tenant’s zone, from a minute before its start to its end', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    const daily: Schedule = {
      kind: 'interval',
      every: 'P1D',
      startAt: '2025-03-03T08:00:00.000Z',
      endAt: '2025-03-31T07:00:00.000Z',
    };

    // Act
    await adapter({ deadLetterArn: 'arn:aws:sqs:eu-north-1:123456789012:activity-due-dlq' }).schedule(
      activity(daily),
    );

    // Assess
    const input = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Stockholm',
      StartDate: new Date('2025-03-03T07:59:00.000Z'),
      EndDate: new Date('2025-03-31T07:00:01.000Z'),
      ActionAfterCompletion: 'DELETE',
      Target: { DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-north-1:123456789012:activity-due-dlq' } },
    });
  });

  it('leaves out a start that has passed and keeps an endless interval', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    // Act
    await adapter().schedule(
      activity({ kind: 'interval', every: 'P1W', startAt: '2025-02-03T08:00:00.000Z' }),
    );

    // Assess
    const input = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input?.ScheduleExpression).toBe('cron(0 9 ? * MON *)');
    expect(input).not.toHaveProperty('StartDate');
    expect(input).not.toHaveProperty('EndDate');
    expect(input).not.toHaveProperty('ActionAfterCompletion');
  });

  it('replaces the schedule when the activity already has one', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).rejects(failure(ConflictException, 'Schedule already exists'));
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    // Act
    await adapter().schedule(activity({ kind: 'once', at: '2025-03-05T08:00:00.000Z' }));

    // Assess
    const update = scheduler.commandCalls(UpdateScheduleCommand)[0]?.args[0].input;
    expect(update).toMatchObject({
      Name: 'activity-norrsken-01JNACTIVITY00000000000000',
      GroupName: 'gridline-run-time',
      ScheduleExpression: 'at(2025-03-05T08:00:00)',
    });
  });

  it('deletes the schedule of an activity that is no longer active', async () => {
    // Prepare
    scheduler.on(DeleteScheduleCommand).resolves({});

    // Act
    await adapter().schedule(activity({ kind: 'once', at: '2025-03-02T08:00:00.000Z' }, 'paused'));

    // Assess
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]?.args[0].input).toEqual({
      Name: 'activity-norrsken-01JNACTIVITY00000000000000',
      GroupName: 'gridline-run-time',
    });
  });

  it('takes a schedule that is already gone as cancelled', async () => {
    // Prepare
    scheduler.on(DeleteScheduleCommand).rejects(failure(ResourceNotFoundException, 'Schedule not found'));

    // Act
    const cancelled = adapter().cancel('norrsken', '01JNACTIVITY00000000000000');

    // Assess
    await expect(cancelled).resolves.toBeUndefined();
  });

  it('passes other failures on, so the request fails and can be retried', async () => {
    // Prepare
    scheduler.on(DeleteScheduleCommand).rejects(failure(ThrottlingException, 'Rate exceeded'));
    scheduler.on(CreateScheduleCommand).rejects(failure(ThrottlingException, 'Rate exceeded'));

    // Act
    const cancelled = adapter().cancel('norrsken', '01JNACTIVITY00000000000000');
    const scheduled = adapter().schedule(activity({ kind: 'once', at: '2025-03-02T08:00:00.000Z' }));

    // Assess
    await Promise.all([
      expect(cancelled).rejects.toBeInstanceOf(ThrottlingException),
      expect(scheduled).rejects.toBeInstanceOf(ThrottlingException),
    ]);
  });
});
