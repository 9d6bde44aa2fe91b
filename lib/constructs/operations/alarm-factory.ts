import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { type RunbookSection, runbookLink } from './runbook';

export interface AlarmSpec {
  /** After the stack's name: `fn-audit-recorder-errors`. */
  readonly name: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  /** `>` unless `>=` is asked for. */
  readonly atLeast?: boolean;
  /** What it means when it fires. */
  readonly meaning: string;
  readonly runbook: RunbookSection;
  /** One period unless a sustained state is asked for. */
  readonly evaluationPeriods?: number;
}

/**
 * Makes the stack's alarms alike: named after the stack, a description that
 * ends with its runbook, missing data not breaching (SLIC Watch's default),
 * and the topic told both when an alarm fires and when it is OK again.
 */
export class AlarmFactory {
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: cloudwatchActions.SnsAction;

  constructor(
    private readonly scope: Construct,
    private readonly stackName: string,
    topic: sns.ITopic,
  ) {
    this.action = new cloudwatchActions.SnsAction(topic);
  }

  add(id: string, spec: AlarmSpec): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this.scope, id, {
      alarmName: `${this.stackName}-${spec.name}`,
      alarmDescription: `${spec.meaning} Runbook: ${runbookLink(spec.runbook)}`,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator:
        spec.atLeast === true
          ? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
          : cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      datapointsToAlarm: spec.evaluationPeriods ?? 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}
