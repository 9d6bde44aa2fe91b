import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { metricsNamespace } from '#runtime/business-metrics';
import { awsDomainBusName, awsFunctionName, awsRuleName } from '../../operations/aws-names';
import { awsQueueName } from '../../operations/dead-letter-queues';
import type { EventRuleDefinition } from '../../topology-types';

export interface StackMetricsProps {
  /** The main stack's name: every function, queue and rule is named after it. */
  readonly stackName: string;
  readonly tableName: string;
  readonly apiId: string;
}

/** Alarms look at one minute unless they say otherwise; dashboards set their own period. */
const oneMinute = Duration.minutes(1);

type Options = Pick<cloudwatch.MetricOptions, 'statistic' | 'period' | 'label'>;

/**
 * The stack's CloudWatch metrics, found by the resources' fixed names (plain
 * strings), so the operations stack needs no reference to the resources.
 */
export class StackMetrics {
  constructor(private readonly props: StackMetricsProps) {}

  get stackName(): string {
    return this.props.stackName;
  }

  private metric(
    namespace: string,
    metricName: string,
    dimensionsMap: Record<string, string>,
    options: Options,
  ): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace, metricName, dimensionsMap, period: oneMinute, ...options });
  }

  /** A topology function's Lambda metric. */
  lambda(name: string, metricName: string, options: Options): cloudwatch.Metric {
    const FunctionName = awsFunctionName(this.stackName, name);
    return this.metric('AWS/Lambda', metricName, { FunctionName }, options);
  }

  /** A queue's SQS metric, by its name without the stack's prefix (`audit`, `audit-dlq`). */
  queue(name: string, metricName: string, options: Options): cloudwatch.Metric {
    const QueueName = awsQueueName(this.stackName, name);
    return this.metric('AWS/SQS', metricName, { QueueName }, options);
  }

  /**
   * A rule's EventBridge metric: a rule of a custom bus has the bus's name as
   * a dimension too, a rule of the default bus only its own.
   */
  rule(rule: EventRuleDefinition, metricName: string, options: Options): cloudwatch.Metric {
    const RuleName = awsRuleName(this.stackName, rule.name);
    const dimensions: Record<string, string> =
      rule.bus === 'default' ? { RuleName } : { EventBusName: awsDomainBusName(this.stackName), RuleName };
    return this.metric('AWS/Events', metricName, dimensions, options);
  }

  /** EventBridge Scheduler's metric of one schedule group (it has none per schedule). */
  scheduleGroup(group: string, metricName: string, options: Options): cloudwatch.Metric {
    return this.metric('AWS/Scheduler', metricName, { ScheduleGroup: group }, options);
  }

  /** The HTTP API's metric on its `$default` stage. */
  api(metricName: string, options: Options): cloudwatch.Metric {
    return this.metric('AWS/ApiGateway', metricName, { ApiId: this.props.apiId, Stage: '$default' }, options);
  }

  /** The table's metric; more dimensions narrow it (an index, an operation). */
  table(metricName: string, options: Options, dimensions: Record<string, string> = {}): cloudwatch.Metric {
    return this.metric(
      'AWS/DynamoDB',
      metricName,
      { TableName: this.props.tableName, ...dimensions },
      options,
    );
  }

  /** The account's SES reputation metrics have no dimensions. */
  ses(metricName: string, options: Options): cloudwatch.Metric {
    return this.metric('AWS/SES', metricName, {}, options);
  }

  /** A metric the functions publish (Powertools Metrics) in the stack's own namespace. */
  custom(metricName: string, dimensions: Record<string, string>, options: Options): cloudwatch.Metric {
    return this.metric(metricsNamespace(this.stackName), metricName, dimensions, options);
  }
}
