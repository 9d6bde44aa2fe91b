import { randomUUID } from 'node:crypto';
import type { LocalQueue } from './local-queue';

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

/** One move of dead letters, as `ListMessageMoveTasks` reports it. */
export interface MoveTask {
  readonly handle: string;
  readonly sourceArn: string;
  /** Absent when the messages go back to the queue they came from. */
  readonly destinationArn?: string;
  readonly maxNumberOfMessagesPerSecond?: number;
  readonly startedAt: number;
  /** The visible dead letters when the task started. */
  readonly toMove: number;
  moved: number;
  status: MoveTaskStatus;
}

export interface MoveTaskRequest {
  readonly sourceArn: string;
  readonly destinationArn?: string;
  readonly maxNumberOfMessagesPerSecond?: number;
  readonly from: LocalQueue;
  readonly to: LocalQueue;
}

/** Thrown when a task already runs for the source, which SQS refuses too. */
export class MoveTaskAlreadyRunning extends Error {}

/** Dead letters moved each step: a task stays RUNNING across steps, as SQS's does while it works. */
const MESSAGES_PER_STEP = 10;

/**
 * SQS's message move tasks over local queues: a task takes the source's
 * visible dead letters step by step and sends them to the destination queue,
 * where each is a new message with a new receive count. One task at a time
 * per source.
 */
export class LocalMessageMoveTasks {
  private readonly tasks: MoveTask[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  start(request: MoveTaskRequest): MoveTask {
    if (this.tasks.some((t) => t.sourceArn === request.sourceArn && t.status === 'RUNNING')) {
      throw new MoveTaskAlreadyRunning(
        `There is already a task running. Only one active task is allowed for a source queue arn at a given time.`,
      );
    }
    const task: MoveTask = {
      handle: randomUUID(),
      sourceArn: request.sourceArn,
      ...(request.destinationArn ? { destinationArn: request.destinationArn } : {}),
      ...(request.maxNumberOfMessagesPerSecond
        ? { maxNumberOfMessagesPerSecond: request.maxNumberOfMessagesPerSecond }
        : {}),
      // Later than the task before it, even within one millisecond: `redrive` tells its task by this.
      startedAt: Math.max(Date.now(), (this.tasks[0]?.startedAt ?? 0) + 1),
      toMove: request.from.deadLetterCounts.visible,
      moved: 0,
      status: 'RUNNING',
    };
    this.tasks.unshift(task);
    this.next(task, request);
    return task;
  }

  /** The source's tasks, the most recent first. */
  of(sourceArn: string): MoveTask[] {
    return this.tasks.filter((t) => t.sourceArn === sourceArn);
  }

  /** Stops the running tasks where they are. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const task of this.tasks) if (task.status === 'RUNNING') task.status = 'CANCELLED';
  }

  private next(task: MoveTask, request: MoveTaskRequest): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const bodies = request.from.takeDeadLetters(Math.min(MESSAGES_PER_STEP, task.toMove - task.moved));
      for (const body of bodies) request.to.send(body);
      task.moved += bodies.length;
      if (bodies.length === 0 || task.moved >= task.toMove) task.status = 'COMPLETED';
      else this.next(task, request);
    }, 0);
    this.timers.add(timer);
  }
}
