import {
  ArnFormat,
  Aws,
  CfnOutput,
  CfnParameter,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { outboxEntity } from '#table/core/outbox';
import { DeadLetterQueue } from './constructs/dead-letter-queue';
import { DomainQueue } from './constructs/domain-queue';
import { FilesBucket } from './constructs/files-bucket';
import { FunctionSchedule } from './constructs/function-schedule';
import { GridlineFunction } from './constructs/gridline-function';
import { GridlineHttpApi } from './constructs/http-api';
import { Identity } from './constructs/identity';
import { MailConfigurationSets } from './constructs/mail-configuration-sets';
import { MailReceipt } from './constructs/mail-receipt';
import { dashboardName } from './constructs/operations/dashboards';
import { Operations } from './constructs/operations/operations';
import { RunTimeSchedules } from './constructs/run-time-schedules';
import { topologySecret } from './constructs/topology-secret';
import { type DeployedRoute, deployedRoutes } from './deployed-routes';
import { awsDomainBusName, awsFixedScheduleGroupName, awsRuleName } from './operations/aws-names';
import { runTimeScheduleTargetsOf } from './operations/dead-letter-queues';
import { tableDefinition } from './table-definition';
import { type FunctionDefinition, queueScheduleTargetEnvironmentName, type Topology } from './topology-types';

export interface GridlineStackProps extends StackProps {
  readonly topology: Topology;
  /**
   * Stack traces in the logs mapped to the source (`--enable-source-maps` on
   * every function); the maps are in the bundles either way. Off by default
   * (`cdk deploy -c sourceMaps=true` turns it on): it slows every cold start.
   */
  readonly sourceMapsInStackTraces?: boolean;
}

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

function byName<T extends { readonly name: string }>(items: readonly T[], name: string, what: string): T {
  const item = items.find((candidate) => candidate.name === name);
  if (item !== undefined) return item;
  throw new Error(`the topology refers to the unknown ${what} "${name}"`);
}

/**
 * Gridline in AWS: realises a topology (functions, queues, event rules,
 * schedules) around one table, one event bus, one user pool and one HTTP API.
 * Nothing here knows a particular function; the topology says it all.
 */
export class GridlineStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly bus: events.EventBus;
  readonly identity: Identity;
  readonly httpApi: GridlineHttpApi;
  readonly queues = new Map<string, DomainQueue>();
  readonly functions = new Map<string, GridlineFunction>();
  readonly secrets = new Map<string, secretsmanager.ISecret>();
  readonly files: FilesBucket;
  /** When a function sends email: the SES configuration sets it sends with. */
  readonly mailConfigurationSets?: MailConfigurationSets;
  /** When a function creates schedules at run time: their group, the scheduler's role, their DLQ. */
  readonly runTimeSchedules?: RunTimeSchedules;
  /** The alarm topic, alarms, dashboards and saved queries: a nested stack. */
  readonly operations: Operations;

  private readonly topology: Topology;
  /** The HTTP API's routes for the topology's operations (ADR 0028). */
  private readonly deployedRoutes: readonly DeployedRoute[];
  private accountDefaultBus?: events.IEventBus;

  constructor(scope: Construct, id: string, props: GridlineStackProps) {
    super(scope, id, props);
    const { topology } = props;
    this.topology = topology;
    this.deployedRoutes = deployedRoutes(topology);

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      globalSecondaryIndexes: tableDefinition.globalIndexes.map((index) => ({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      billing: dynamodb.Billing.onDemand(),
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb): KMS encryption at rest, audited in CloudTrail, without a
      // key policy to keep in step with every reader of the table and its stream.
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bus = new events.EventBus(this, 'DomainBus', { eventBusName: awsDomainBusName(this.stackName) });

    this.identity = new Identity(this, 'Identity');
    this.httpApi = new GridlineHttpApi(this, 'HttpApi', {
      issuer: this.identity.issuer,
      audience: [this.identity.client.userPoolClientId],
    });

    for (const definition of topology.queues) {
      this.queues.set(definition.name, new DomainQueue(this, `Queue-${definition.name}`, definition));
    }

    if (topology.functions.some((f) => f.access.sendEmail === true)) {
      this.mailConfigurationSets = new MailConfigurationSets(this, 'MailConfigurationSets', {
        defaultBus: this.defaultBus,
      });
    }

    for (const rule of topology.rules) this.addRule(rule);

    this.files = new FilesBucket(this, 'Files');

    for (const definition of topology.secrets) {
      this.secrets.set(definition.name, topologySecret(this, definition));
    }

    const queues = new Map<string, sqs.IQueue>([...this.queues].map(([name, q]) => [name, q.queue]));
    for (const definition of topology.functions) {
      const fn = new GridlineFunction(this, `Fn-${definition.name}`, {
        definition,
        table: this.table,
        bus: this.bus,
        secrets: this.secrets,
        queues,
        ...(this.mailConfigurationSets ? { mailConfigurationSets: this.mailConfigurationSets } : {}),
        filesBucket: this.files.bucket,
        userPool: this.identity.userPool,
        apiUrl: this.httpApi.url,
        sourceMapsInStackTraces: props.sourceMapsInStackTraces === true,
      });
      this.functions.set(definition.name, fn);
      this.connectTrigger(fn, definition);
    }

    this.runTimeSchedules = this.connectRunTimeSchedules(topology);
    if (topology.mailReceipt) {
      new MailReceipt(this, 'MailReceipt', {
        definition: topology.mailReceipt,
        bucket: this.files.bucket,
        queue: this.queue(topology.mailReceipt.queue).queue,
      });
    }

    this.addFixedSchedules(topology);

    const alarmEmail = new CfnParameter(this, 'AlarmEmail', {
      type: 'String',
      default: '',
      description:
        'An e-mail address to subscribe to the stack’s alarms (it confirms by mail); none when empty',
    });
    this.operations = new Operations(this, 'Operations', {
      stackName: this.stackName,
      topology,
      tableName: this.table.tableName,
      apiId: this.httpApi.api.apiId,
      accessLogGroupName: this.httpApi.accessLogs.logGroupName,
      alarmEmail: alarmEmail.valueAsString,
      ...(this.runTimeSchedules ? { runTimeScheduleGroup: this.runTimeSchedules.groupName } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topic.topicArn });
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards/dashboard/${dashboardName(this.stackName, 'overview')}`,
    });
  }

  /**
   * SES's events of mail this stack sent: SES tags each with its
   * configuration set, and the default bus carries every stack's in the account.
   */
  private ownMail(): Record<string, unknown> {
    const sets = this.mailConfigurationSets;
    if (!sets) throw new Error('a rule for this stack’s own mail needs a function that sends e-mail');
    const names = [sets.plain.configurationSetName, sets.tracked.configurationSetName];
    return { mail: { tags: { 'ses:configuration-set': names } } };
  }

  private addRule(rule: Topology['rules'][number]): void {
    const target = this.queue(rule.targetQueue);
    const deadLetters = new DeadLetterQueue(this, `Rule-${rule.name}-DeadLetters`, {
      name: `rule-${rule.name}-dlq`,
      notRecognisedAsDlqBecause: `EventBridge puts events the rule ${rule.name} could not deliver here`,
    });
    new events.Rule(this, `Rule-${rule.name}`, {
      ruleName: awsRuleName(this.stackName, rule.name),
      // The default bus is where AWS services (SES's delivery events) publish.
      eventBus: rule.bus === 'default' ? this.defaultBus : this.bus,
      description: rule.description,
      eventPattern: {
        source: [...rule.sources],
        ...(rule.detailTypes !== undefined ? { detailType: [...rule.detailTypes] } : {}),
        ...(rule.ownMailOnly === true ? { detail: this.ownMail() } : {}),
      },
      targets: [new eventTargets.SqsQueue(target.queue, { deadLetterQueue: deadLetters.queue })],
    });
  }

  /** The topology's schedules, all in one group of the stack's own. */
  private addFixedSchedules(topology: Topology): void {
    if (topology.schedules.length === 0) return;
    const group = new scheduler.ScheduleGroup(this, 'FixedSchedules', {
      scheduleGroupName: awsFixedScheduleGroupName(this.stackName),
      // The stack's schedules only, gone with it; a retained group would block the name.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    for (const schedule of topology.schedules) {
      const target = this.functions.get(schedule.targetFunction);
      if (target === undefined) {
        throw new Error(`the topology refers to the unknown function "${schedule.targetFunction}"`);
      }
      new FunctionSchedule(this, `Schedule-${schedule.name}`, schedule, target.function, group);
    }
  }

  /** The account's default event bus, imported once. */
  private get defaultBus(): events.IEventBus {
    this.accountDefaultBus ??= events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    return this.accountDefaultBus;
  }

  private queue(name: string): DomainQueue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw new Error(`the topology refers to the unknown queue "${name}"`);
    return queue;
  }

  /**
   * Functions that create EventBridge Scheduler schedules at run time get the
   * run-time schedule group, a role the scheduler assumes to deliver them and
   * permission to manage schedules in that group and to pass that role. The
   * role may invoke the `scheduler-target` function of `manageSchedulesFor`
   * (one schedule per scheduled activity) and send to the queue of
   * `scheduleToQueue` (one-off schedules whose input is the message body).
   */
  private connectRunTimeSchedules(topology: Topology): RunTimeSchedules | undefined {
    const schedulers = topology.functions.filter(
      (f) => f.access.manageSchedulesFor !== undefined || f.access.scheduleToQueue !== undefined,
    );
    if (schedulers.length === 0) return undefined;
    const runTime = new RunTimeSchedules(this);
    for (const name of runTimeScheduleTargetsOf(topology)) {
      const target = this.functions.get(name);
      if (target) runTime.retryInvocationsOf(target.function);
    }
    for (const definition of schedulers) {
      const scheduling = this.functions.get(definition.name) as GridlineFunction;
      const targetName = definition.access.manageSchedulesFor;
      if (targetName !== undefined) {
        const target = this.functions.get(targetName);
        const targetDefinition = topology.functions.find((f) => f.name === targetName);
        if (!target || targetDefinition?.trigger.kind !== 'scheduler-target') {
          throw new Error(
            `${definition.name} manages schedules for "${targetName}", which is no scheduler-target function`,
          );
        }
        runTime.allowInvoke(target.function);
        // Built from the name, not referenced: a function that manages its own schedules would refer to itself.
        scheduling.function.addEnvironment(
          'SCHEDULE_TARGET_ARN',
          this.formatArn({
            service: 'lambda',
            resource: 'function',
            resourceName: `${this.stackName}-${targetName}`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        );
      }
      const queueName = definition.access.scheduleToQueue;
      if (queueName !== undefined) {
        const { queue } = this.queue(queueName);
        runTime.allowSendTo(queue);
        scheduling.function.addEnvironment(queueScheduleTargetEnvironmentName, queue.queueArn);
      }
      runTime.letSchedule(scheduling);
    }
    return runTime;
  }

  private connectTrigger(fn: GridlineFunction, definition: FunctionDefinition): void {
    const { trigger } = definition;
    switch (trigger.kind) {
      case 'http':
        this.httpApi.addFunction(
          definition.name,
          fn.function,
          this.deployedRoutes.filter((route) => route.functionName === definition.name),
        );
        return;
      case 'queue': {
        const { queue, definition: queueDefinition } = this.queue(trigger.queue);
        if (queueDefinition.visibilityTimeoutSeconds < definition.timeoutSeconds) {
          throw new Error(
            `the ${queueDefinition.name} queue's visibility timeout must be at least ${definition.name}'s timeout`,
          );
        }
        fn.function.addEventSource(
          new SqsEventSource(queue, {
            batchSize: queueDefinition.batchSize,
            ...(queueDefinition.maxBatchingWindowSeconds > 0
              ? { maxBatchingWindow: Duration.seconds(queueDefinition.maxBatchingWindowSeconds) }
              : {}),
            reportBatchItemFailures: true,
            ...(queueDefinition.maxConcurrency !== undefined
              ? { maxConcurrency: queueDefinition.maxConcurrency }
              : {}),
          }),
        );
        // A consumer that paces a shared budget divides it by the consumers that may run at once.
        if (queueDefinition.maxConcurrency !== undefined) {
          fn.function.addEnvironment('QUEUE_MAX_CONCURRENCY', String(queueDefinition.maxConcurrency));
        }
        return;
      }
      case 'outbox-stream': {
        const deadLetters = new DeadLetterQueue(this, `Fn-${definition.name}-StreamFailures`, {
          name: `${definition.name}-stream-dlq`,
          notRecognisedAsDlqBecause: `the table stream mapping of ${definition.name} sends records that failed every retry here`,
        });
        // TableV2 is an ITable with the stream ARN (dynamoStream above), so DynamoEventSource
        // maps the stream and grants the stream read permissions.
        fn.function.addEventSource(
          new DynamoEventSource(this.table, {
            startingPosition: lambda.StartingPosition.TRIM_HORIZON,
            batchSize: trigger.batchSize,
            bisectBatchOnError: true,
            retryAttempts: 10,
            reportBatchItemFailures: true,
            onFailure: new SqsDlq(deadLetters.queue),
            filters: [
              lambda.FilterCriteria.filter({
                eventName: lambda.FilterRule.isEqual('INSERT'),
                dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual(outboxEntity) } } },
              }),
            ],
          }),
        );
        return;
      }
      case 'scheduler-target':
        // Schedules are created at run time; connectRunTimeSchedules gives the scheduler its role.
        return;
      case 'schedule': {
        // Realised with topology.schedules (which carries the expression); the names must agree.
        const schedule = byName(this.topology.schedules, trigger.schedule, 'schedule');
        if (schedule.targetFunction !== definition.name) {
          throw new Error(
            `the schedule ${schedule.name} does not target ${definition.name}, whose trigger it is`,
          );
        }
        return;
      }
    }
  }
}
