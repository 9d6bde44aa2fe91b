import { NestedStack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { Topology } from '../../topology-types';
import { AlarmFactory } from './alarm-factory';
import { AlarmTopic } from './alarm-topic';
import { functionsDashboard, overviewDashboard, queuesDashboard } from './dashboards';
import { deadLetterDeliveryAlarms } from './dead-letter-delivery-alarms';
import { StackMetrics } from './metrics';
import { SavedQueries } from './saved-queries';
import { apiAlarms, mailReputationAlarms, tableAlarms } from './service-alarms';
import { deliveryAlarms, functionAlarms, queueAlarms } from './topology-alarms';

export interface OperationsProps {
  /** The main stack's name, after which its functions, queues, rules and schedules are named. */
  readonly stackName: string;
  readonly topology: Topology;
  readonly tableName: string;
  readonly apiId: string;
  readonly accessLogGroupName: string;
  /** Subscribed to the alarm topic unless empty. */
  readonly alarmEmail: string;
  /** The run-time schedules' group, when functions create schedules. */
  readonly runTimeScheduleGroup?: string;
}

/**
 * What operators watch, generated from the topology: the alarm topic, every
 * alarm, the dashboards and the saved Logs Insights queries. A stack of its
 * own (the main stack is near CloudFormation's 500 resources), which finds
 * the main stack's resources by their fixed names.
 */
export class Operations extends NestedStack {
  readonly topic: AlarmTopic;
  readonly alarms: readonly cloudwatch.Alarm[];
  readonly dashboards: readonly cloudwatch.Dashboard[];
  readonly queries: SavedQueries;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id, { description: `Alarms, dashboards and saved queries of ${props.stackName}` });
    const { topology, stackName } = props;
    this.topic = new AlarmTopic(this, 'AlarmTopic', { stackName, email: props.alarmEmail });
    const metrics = new StackMetrics({ stackName, tableName: props.tableName, apiId: props.apiId });

    const alarms = new AlarmFactory(this, stackName, this.topic.topic);
    functionAlarms(alarms, metrics, topology);
    queueAlarms(alarms, metrics, topology);
    deliveryAlarms(alarms, metrics, topology, props.runTimeScheduleGroup);
    deadLetterDeliveryAlarms(alarms, metrics, topology, props.runTimeScheduleGroup);
    apiAlarms(alarms, metrics);
    tableAlarms(alarms, metrics);
    if (topology.functions.some((f) => f.access.sendEmail === true)) mailReputationAlarms(alarms, metrics);
    this.alarms = alarms.alarms;

    this.dashboards = [
      overviewDashboard(this, metrics, topology),
      functionsDashboard(this, metrics, topology),
      queuesDashboard(this, metrics, topology, props.runTimeScheduleGroup),
    ];
    this.queries = new SavedQueries(this, 'Queries', {
      stackName,
      topology,
      accessLogGroupName: props.accessLogGroupName,
    });
  }
}
