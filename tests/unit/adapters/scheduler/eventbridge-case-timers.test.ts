import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { caseTimerNameOf, EventBridgeCaseTimers } from '#adapters/scheduler/eventbridge-case-timers';

const scheduler = mockClient(SchedulerClient);
afterEach(() => scheduler.reset());

const config = {
  groupName: 'gridline-run-time',
  targetArn: 'arn:aws:lambda:eu-north-1:123456789012:function:Gridline-case-timers',
  roleArn: 'arn:aws:iam::123456789012:role/run-time-scheduler',
  deadLetterArn: 'arn:aws:sqs:eu-north-1:123456789012:run-time-schedules-dlq',
  now: () => new Date('2026-12-01T09:00:00Z'),
};
const timers = () => new EventBridgeCaseTimers(new SchedulerClient({ region: 'eu-north-1' }), config);
const input = {
  tenantId: 'a-tenant-with-a-rather-long-identifier-of-its-own',
  caseId: '01JCASE0000000000000000000',
  timer: 'resolution-breach' as const,
  at: '2026-12-07T13:00:00.000Z',
};
const conflict = new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} });
const missing = new ResourceNotFoundException({ Message: 'gone', message: 'gone', $metadata: {} });

describe('EventBridgeCaseTimers', () => {
  it('creates a one-off schedule at the planned time, which deletes itself and passes the plan to case-timers', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).resolves({});

    // Act
    await timers().set(input);

    // Assess
    const [call] = scheduler.commandCalls(CreateScheduleCommand);
    const sent = call?.args[0].input;
    expect(sent?.Name).toBe(caseTimerNameOf(input.tenantId, input.caseId, input.timer));
    expect(sent?.Name?.length).toBeLessThanOrEqual(64);
    expect(sent).toMatchObject({
      GroupName: 'gridline-run-time',
      ScheduleExpression: 'at(2026-12-07T13:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: config.targetArn,
        RoleArn: config.roleArn,
        DeadLetterConfig: { Arn: config.deadLetterArn },
      },
    });
    expect(JSON.parse(sent?.Target?.Input ?? '{}')).toEqual(input);
  });

  it('fires a time that has passed a minute from now, still passing the planned time', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).resolves({});

    // Act
    await timers().set({ ...input, at: '2026-12-01T08:00:00.000Z' });

    // Assess
    const sent = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(sent?.ScheduleExpression).toBe('at(2026-12-01T09:01:00)');
    expect(JSON.parse(sent?.Target?.Input ?? '{}').at).toBe('2026-12-01T08:00:00.000Z');
  });

  it('moves an existing timer, and takes one already gone as cleared', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).rejects(conflict);
    scheduler.on(UpdateScheduleCommand).resolves({});
    scheduler.on(DeleteScheduleCommand).rejects(missing);

    // Act
    await timers().set(input);
    await timers().clear(input.tenantId, input.caseId, input.timer);

    // Assess
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(1);
    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]?.args[0].input.Name).toBe(
      caseTimerNameOf(input.tenantId, input.caseId, input.timer),
    );
  });

  it('names each timer of a case apart, and the same timer of two cases apart', () => {
    // Act
    const names = new Set([
      caseTimerNameOf('t', 'c1', 'firstResponse-warning'),
      caseTimerNameOf('t', 'c1', 'firstResponse-breach'),
      caseTimerNameOf('t', 'c1', 'resolution-warning'),
      caseTimerNameOf('t', 'c1', 'resolution-breach'),
      caseTimerNameOf('t', 'c2', 'resolution-breach'),
    ]);

    // Assess
    expect(names.size).toBe(5);
    for (const name of names) expect(name).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
  });
});
