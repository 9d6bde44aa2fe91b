import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';

/** Creates the schedule, or replaces it when one of that name exists (a change, a retried request). */
export async function putSchedule(client: SchedulerClient, input: CreateScheduleCommandInput): Promise<void> {
  try {
    await client.send(new CreateScheduleCommand(input));
  } catch (error) {
    if (!(error instanceof ConflictException)) throw error;
    await client.send(new UpdateScheduleCommand(input));
  }
}

/** Deletes the schedule; one never made, already deleted, or a one-off that removed itself after firing is fine. */
export async function deleteSchedule(
  client: SchedulerClient,
  name: string,
  groupName: string,
): Promise<void> {
  try {
    await client.send(new DeleteScheduleCommand({ Name: name, GroupName: groupName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}
