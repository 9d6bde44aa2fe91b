/** One thing that went wrong in the local runtime: a function that threw, a batch's failed records, a 5xx. */
export interface LocalFailure {
  readonly at: string;
  /** The function (or schedule) it happened in. */
  readonly where: string;
  readonly what: string;
}

/**
 * The runtime's recent failures, newest first, for the operator page: what
 * CloudWatch's error alarms and the saved "errors" query show in AWS.
 */
export class LocalFailures {
  private readonly items: LocalFailure[] = [];

  constructor(private readonly keep = 50) {}

  record(where: string, what: string): void {
    this.items.unshift({ at: new Date().toISOString(), where, what });
    this.items.length = Math.min(this.items.length, this.keep);
  }

  recent(): readonly LocalFailure[] {
    return [...this.items];
  }
}
