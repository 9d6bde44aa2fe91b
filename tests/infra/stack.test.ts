import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiFilePath } from '#api/docs/openapi-file';
import { roles } from '#domain/users/roles';
import { businessMetrics, eventsRelayedMetric, metricsNamespace } from '#runtime/business-metrics';
import { tableOperations } from '../../lib/constructs/operations/service-alarms';
import { deployedRouteKey, deployedRoutes } from '../../lib/deployed-routes';
import { GridlineStack } from '../../lib/gridline-stack';
import { lambdaContext } from '../../lib/local/lambda-context';
import { awsRuleName, awsScheduleName } from '../../lib/operations/aws-names';
import { deadLetterQueuesOf, runTimeScheduleTargetsOf } from '../../lib/operations/dead-letter-queues';
import { tableDefinition } from '../../lib/table-definition';
import { topology } from '../../lib/topology';
import {
  queueScheduleTargetEnvironmentName,
  queueUrlEnvironmentName,
  sesConfigurationSetEnvironment,
  type Topology,
  unsubscribeSigningKeySecret,
} from '../../lib/topology-types';
import { httpEventWithClaims } from '../support/http-event';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

/**
 * Synthesises without bundling the functions (an empty `aws:cdk:bundling-stacks`): bundling is
 * most of a synth's time and is checked once for every function by bundle-budget.test.ts.
 */
const appWithoutBundling = (): App => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

function synth(stackTopology: Topology): { stack: GridlineStack; template: Template } {
  const stack = new GridlineStack(appWithoutBundling(), 'Gridline', { topology: stackTopology });
  return { stack, template: Template.fromStack(stack) };
}

const logicalId = (stack: Stack, construct: IConstruct): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });

/** Unacknowledged AwsSolutions findings (errors and warnings), one line each. */
function nagFindings(scope: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map(
      (r) => `${violation.severity} ${violation.ruleName} at ${r.constructPath}`,
    ),
  );
}

type AlarmProperties = Record<string, unknown>;

/** The properties of every alarm of a stack. */
const alarmsOf = (template: Template): AlarmProperties[] =>
  Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties as AlarmProperties);

function alarmNamed(alarms: AlarmProperties[], name: string): AlarmProperties {
  const alarm = alarms.find((a) => a.AlarmName === name);
  if (!alarm) throw new Error(`no alarm ${name}`);
  return alarm;
}

/** An alarm on one metric, as CloudFormation has it. */
const metricAlarm = (
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  statistic: string,
  threshold: number,
  comparison: string,
  period = 60,
) => ({
  Namespace: namespace,
  MetricName: metricName,
  ...(Object.keys(dimensions).length > 0
    ? { Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) }
    : {}),
  Statistic: statistic,
  Period: period,
  Threshold: threshold,
  ComparisonOperator: comparison,
  EvaluationPeriods: expect.any(Number),
});

/** The nested stack's parameter CDK made for a reference to a main-stack resource. */
function parameterFor(template: Template, construct: string): string {
  const names = Object.keys(template.toJSON().Parameters ?? {});
  const name = names.find((n) => new RegExp(`^referencetoGridline${construct}[0-9A-F]{8}Ref$`).test(n));
  if (!name) throw new Error(`no parameter for ${construct} among ${names.join(', ')}`);
  return name;
}

/** The ARNs of the alarms that may publish to the alarm topic, as CloudFormation has them. */
const alarmArnPattern = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':cloudwatch:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':alarm:Gridline-*',
    ],
  ],
};

/** The anchors of docs/operations.md's headings, as GitHub makes them. */
const runbookSections = (): string[] =>
  readFileSync(path.resolve(import.meta.dirname, '../../docs/operations.md'), 'utf8')
    .split('\n')
    .filter((line) => /^#{2,4} /.test(line))
    .map((line) =>
      line
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\w\s-]/g, '')
        .trim()
        .replace(/\s/g, '-'),
    );

type Widget = { properties: { title?: string; metrics?: unknown[][] } };

/** The widgets of every dashboard of a stack; a reference to a parameter reads as `REF`. */
const dashboardWidgets = (template: Template): Widget[] =>
  Object.values(template.findResources('AWS::CloudWatch::Dashboard')).flatMap((d) => {
    const body = d.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
    const text =
      typeof body === 'string'
        ? body
        : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'REF')).join('');
    return (JSON.parse(text) as { widgets: Widget[] }).widgets;
  });

type Statement = { Action: string | string[]; Resource: unknown };

/** Every statement of the policies attached to a role. */
function roleStatements(template: Template, roleId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  return policies
    .filter((p) =>
      (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
    )
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** Every statement of the policies attached to a function's role. */
function functionStatements(template: Template, functionId: string): Statement[] {
  const fn = template.toJSON().Resources[functionId] as Resource;
  const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return roleStatements(template, role);
}

/** Every action of the policies attached to a function's role. */
function roleActions(template: Template, functionId: string): string[] {
  return functionStatements(template, functionId).flatMap((s) =>
    Array.isArray(s.Action) ? s.Action : [s.Action],
  );
}

/** The resources of the statements that allow an action. */
const resourcesAllowed = (statements: Statement[], action: string): unknown[] =>
  statements.filter((s) => [s.Action].flat().includes(action)).flatMap((s) => [s.Resource].flat());

/** The environment variables of a function of the stack. */
function environmentOf(stack: GridlineStack, template: Template, name: string): Record<string, unknown> {
  const fn = template.toJSON().Resources[logicalId(stack, stack.functions.get(name)!.function)] as Resource;
  return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

/** The ARN of an SES configuration set of the stack, as a function's policy names it. */
const configurationSetArn = (id: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ses:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':configuration-set/',
      { Ref: id },
    ],
  ],
});

describe('GridlineStack with the real topology', () => {
  let stack: GridlineStack;
  let template: Template;
  let resources: Record<string, Resource>;

  beforeAll(() => {
    ({ stack, template } = synth(topology));
    resources = template.toJSON().Resources;
  });

  it('has the table of tableDefinition: keys, indexes, stream, PITR, encryption, TTL, retained', () => {
    const key = (hash: string, range: string) => [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ];
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        KeySchema: key(tableDefinition.partitionKey, tableDefinition.sortKey),
        GlobalSecondaryIndexes: tableDefinition.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: key(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        })),
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      },
    });
  });

  it('realises every function: Node.js 22 on ARM, memory, timeout, no X-Ray, its own log group, its metrics’ namespace', () => {
    for (const definition of topology.functions) {
      const fn = stack.functions.get(definition.name)!;
      const props = resources[logicalId(stack, fn.function)]!.Properties;
      expect(props).toMatchObject({
        FunctionName: `Gridline-${definition.name}`,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: definition.memoryMb,
        Timeout: definition.timeoutSeconds,
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: logicalId(stack, fn.logGroup) } },
        Environment: {
          Variables: expect.objectContaining({
            POWERTOOLS_SERVICE_NAME: definition.name,
            POWERTOOLS_METRICS_NAMESPACE: metricsNamespace('Gridline'),
          }),
        },
      });
      // Nothing reads a trace: the logs' correlation ids tell a request's story.
      expect(props.TracingConfig).toBeUndefined();
      const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect('TABLE_NAME' in variables).toBe(definition.access.table !== undefined);
      expect('EVENT_BUS_NAME' in variables).toBe(definition.access.putEvents === true);
      // Source maps cost every cold start; they are a switch (below).
      expect('NODE_OPTIONS' in variables).toBe(false);
    }
    template.resourceCountIs('AWS::Lambda::Function', topology.functions.length);
  });

  it('maps stack traces through the bundles’ source maps only when the stack is asked to', () => {
    const mapped = new GridlineStack(appWithoutBundling(), 'Gridline', {
      topology,
      sourceMapsInStackTraces: true,
    });
    const functions = Object.values(
      Template.fromStack(mapped).findResources('AWS::Lambda::Function'),
    ) as Resource[];

    expect(functions).toHaveLength(topology.functions.length);
    for (const fn of functions) {
      expect(
        (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.NODE_OPTIONS,
      ).toBe('--enable-source-maps');
    }
  });

  it('uses no AWS managed policies for the function roles', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role')) as Resource[]) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('routes the deployed route table in the routes’ own stack, with the JWT authorizer exactly where auth is jwt', () => {
    const routes = deployedRoutes(topology);
    const routesTemplate = Template.fromStack(stack.httpApi.routes);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    routesTemplate.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    routesTemplate.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    expect(Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'))).toHaveLength(1);
    const [apiId, authorizerId] = new Set(
      Object.values(routesTemplate.findResources('AWS::ApiGatewayV2::Route')).flatMap((r) =>
        [r.Properties.ApiId, r.Properties.AuthorizerId].filter(Boolean).map((v) => JSON.stringify(v)),
      ),
    );
    for (const route of routes) {
      routesTemplate.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        ApiId: JSON.parse(apiId as string),
        RouteKey: deployedRouteKey(route),
        AuthorizationType: route.auth === 'jwt' ? 'JWT' : 'NONE',
        AuthorizerId: route.auth === 'jwt' ? JSON.parse(authorizerId as string) : Match.absent(),
      });
    }
  });

  it('stays far under the 300 routes an HTTP API takes by default, every greedy route behind the JWT authorizer', () => {
    // Prepare
    const operations = topology.functions.flatMap((f) => (f.trigger.kind === 'http' ? f.trigger.routes : []));
    const routes = Object.values(
      Template.fromStack(stack.httpApi.routes).findResources('AWS::ApiGatewayV2::Route'),
    );
    const greedy = routes.filter((r) => String(r.Properties.RouteKey).endsWith('/{proxy+}'));

    // Assess: one route per operation was 297 with 297 operations (ADR 0028).
    expect(operations.length).toBeGreaterThan(290);
    expect(routes.length).toBeLessThan(200);
    expect(greedy.length).toBeGreaterThan(0);
    for (const route of greedy) {
      expect(route.Properties.RouteKey).toMatch(/^ANY \//);
      expect(route.Properties.AuthorizationType).toBe('JWT');
      expect(route.Properties.AuthorizerId).toBeDefined();
    }
  });

  it('keeps each stack well under CloudFormation’s 500 resources', () => {
    const count = (t: Template) => Object.keys(t.toJSON().Resources).length;

    // The main stack holds about 345 since its alarms moved to the operations stack: 400 leaves room for a module.
    expect(count(template)).toBeLessThan(400);
    expect(count(Template.fromStack(stack.httpApi.routes))).toBeLessThan(400);
    // About 220: three alarms a function, one or two for every queue, rule and schedule group.
    expect(count(Template.fromStack(stack.operations))).toBeLessThan(300);
  });

  it('accepts ID tokens of the user pool client only', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack, stack.identity.client) }],
        Issuer: {
          'Fn::Join': [
            '',
            [
              'https://cognito-idp.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
              '/',
              { Ref: logicalId(stack, stack.identity.userPool) },
            ],
          ],
        },
      },
    });
  });

  it('has the user pool: no self sign-up, immutable tenant, the tenant’s country, a group per role, an SRP client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'tenantId', AttributeDataType: 'String', Mutable: false }),
        Match.objectLike({ Name: 'tenantCountry', AttributeDataType: 'String' }),
      ]),
    });
    for (const role of roles) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    }
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', roles.length);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ReadAttributes: Match.arrayWith(['custom:tenantCountry', 'custom:tenantId']),
    });
    // Neither the tenant nor its country is the user's to write.
    for (const client of Object.values(template.findResources('AWS::Cognito::UserPoolClient'))) {
      expect(client.Properties.WriteAttributes).not.toContain('custom:tenantId');
      expect(client.Properties.WriteAttributes).not.toContain('custom:tenantCountry');
    }
  });

  it('logs API access and throttles the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('grants nothing on every resource but the newsletter sender’s SES quota, and SMS sending only in this account and region', () => {
    // Prepare
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    const actionsOf = (statement: Statement) => [statement.Action].flat();

    // Act
    const onEverything = statements.filter((s) => [s.Resource].flat().includes('*')).flatMap(actionsOf);
    const sms = statements.filter((s) => actionsOf(s).includes('sms-voice:SendTextMessage'));

    // Assess
    expect(new Set(onEverything)).toEqual(new Set(['ses:GetAccount']));
    const quotaReaders = statements.filter((s) => actionsOf(s).includes('ses:GetAccount'));
    expect(quotaReaders).toHaveLength(topology.functions.filter((f) => f.access.readSendQuota).length);
    expect(sms.length).toBeGreaterThan(0);
    for (const statement of sms) {
      expect(statement.Resource).toEqual({
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':sms-voice:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':*',
          ],
        ],
      });
    }
  });

  it('gives each public route a throttle of its own, under the stage’s default, and the stage waits for them', () => {
    // Prepare
    const publicRoutes = topology.functions.flatMap((f) =>
      f.trigger.kind === 'http' ? f.trigger.routes.filter((r) => r.auth === 'none') : [],
    );
    const [, stage] = Object.entries(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const routeIds = Object.entries(
      Template.fromStack(stack.httpApi.routes).findResources('AWS::ApiGatewayV2::Route'),
    )
      .filter(([, r]) => publicRoutes.some((p) => r.Properties.RouteKey === `${p.method} ${p.path}`))
      .map(([id]) => id);
    const routesStackId = stack.getLogicalId(stack.httpApi.routes.nestedStackResource as CfnElement);

    // Assess
    expect(publicRoutes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/openapi.json', '/docs', '/v1/webhooks/leads/{sourceId}']),
    );
    for (const route of publicRoutes) {
      const settings = stage.Properties.RouteSettings[`${route.method} ${route.path}`];
      expect(settings).toEqual({
        ThrottlingRateLimit: route.throttle?.rateLimit,
        ThrottlingBurstLimit: route.throttle?.burstLimit,
      });
      expect(settings.ThrottlingRateLimit).toBeLessThan(
        stage.Properties.DefaultRouteSettings.ThrottlingRateLimit,
      );
    }
    expect(routeIds).toHaveLength(publicRoutes.length);
    expect(stage.DependsOn).toEqual(expect.arrayContaining([routesStackId]));
  });

  it('gives every queue a dead-letter queue with the topology maxReceiveCount and visibility timeout', () => {
    for (const definition of topology.queues) {
      const queue = stack.queues.get(definition.name)!;
      const dlqId = logicalId(stack, queue.deadLetters.queue);
      expect(resources[logicalId(stack, queue.queue)]!.Properties).toMatchObject({
        VisibilityTimeout: definition.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: getAtt(dlqId, 'Arn'),
          maxReceiveCount: definition.maxReceiveCount,
        },
      });
      expect(resources[dlqId]!.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600 });
    }
  });

  it('names every queue, dead-letter queue, rule and schedule after the stack and the topology', () => {
    // Prepare
    const namesOf = (type: string, property: string) =>
      Object.values(template.findResources(type)).map((r) => r.Properties[property] as unknown);
    const workQueueNames = topology.queues.map((q) => `Gridline-${q.name}`);
    const deadLetterNames = deadLetterQueuesOf(topology).map((q) => `Gridline-${q.name}`);

    // Act
    const queueNames = namesOf('AWS::SQS::Queue', 'QueueName');
    const ruleNames = namesOf('AWS::Events::Rule', 'Name');
    const scheduleNames = namesOf('AWS::Scheduler::Schedule', 'Name');

    // Assess
    expect(new Set(queueNames)).toEqual(new Set([...workQueueNames, ...deadLetterNames]));
    expect(queueNames).toHaveLength(workQueueNames.length + deadLetterNames.length);
    for (const queue of stack.queues.values()) {
      expect(resources[logicalId(stack, queue.queue)]!.Properties.QueueName).toBe(
        `Gridline-${queue.definition.name}`,
      );
    }
    expect(new Set(ruleNames)).toEqual(new Set(topology.rules.map((r) => `Gridline-${r.name}`)));
    expect(new Set(scheduleNames)).toEqual(new Set(topology.schedules.map((s) => `Gridline-${s.name}`)));
  });

  it('puts every fixed schedule in the stack’s own group, not the account’s default one', () => {
    // Prepare
    const groups = template.findResources('AWS::Scheduler::ScheduleGroup');
    const fixed = Object.entries(groups).find(([, g]) => g.Properties.Name === 'Gridline-fixed');

    // Act
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule'));

    // Assess
    expect(fixed?.[1].DeletionPolicy).toBe('Delete');
    expect(schedules).toHaveLength(topology.schedules.length);
    for (const schedule of schedules) {
      expect(schedule.Properties.GroupName).toBe('Gridline-fixed');
      expect(schedule.DependsOn).toContain(fixed?.[0]);
    }
  });

  it('refuses a rule or schedule name AWS would refuse', () => {
    expect(awsRuleName('Gridline', 'audit')).toBe('Gridline-audit');
    expect(() => awsRuleName('Gridline', 'r'.repeat(56))).toThrow(
      /rule name Gridline-r+ exceeds 64 characters/,
    );
    expect(() => awsScheduleName('Gridline', 's'.repeat(56))).toThrow(/schedule name .* exceeds 64/);
    expect(() => awsRuleName('Gridline', 'a rule')).toThrow(/characters AWS refuses/);
  });

  it('consumes queues in batches and reports item failures', () => {
    for (const definition of topology.functions) {
      if (definition.trigger.kind !== 'queue') continue;
      const queue = stack.queues.get(definition.trigger.queue)!;
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: getAtt(logicalId(stack, queue.queue), 'Arn'),
        FunctionName: { Ref: logicalId(stack, stack.functions.get(definition.name)!.function) },
        BatchSize: queue.definition.batchSize,
        MaximumBatchingWindowInSeconds:
          queue.definition.maxBatchingWindowSeconds > 0
            ? queue.definition.maxBatchingWindowSeconds
            : Match.absent(),
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });

  it('routes every rule from its sources on its bus (the domain bus unless default) to its queue, with a DLQ', () => {
    for (const rule of topology.rules) {
      const queue = stack.queues.get(rule.targetQueue)!;
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: rule.bus === 'default' ? 'default' : { Ref: logicalId(stack, stack.bus) },
        EventPattern: {
          source: [...rule.sources],
          ...(rule.detailTypes ? { 'detail-type': [...rule.detailTypes] } : {}),
        },
        Targets: [
          Match.objectLike({
            Arn: getAtt(logicalId(stack, queue.queue), 'Arn'),
            DeadLetterConfig: { Arn: Match.anyValue() },
          }),
        ],
      });
    }
    template.resourceCountIs('AWS::Events::Rule', topology.rules.length);
  });

  it('puts the rules of the default bus there: SES’s delivery events to the mail-feedback queue, with a DLQ', () => {
    // Prepare
    const rule = topology.rules.find((r) => r.name === 'record-mail-feedback')!;
    const queue = stack.queues.get(rule.targetQueue)!;

    // Act
    const onDefault = template.findResources('AWS::Events::Rule', {
      Properties: { EventPattern: { source: ['aws.ses'] } },
    });

    // Assess
    expect(rule.bus).toBe('default');
    expect(Object.values(onDefault)).toHaveLength(1);
    expect(Object.values(onDefault)[0]!.Properties).toMatchObject({
      EventBusName: 'default',
      EventPattern: {
        'detail-type': [...rule.detailTypes!],
        // Only this stack's mail: the default bus carries every stack's SES events in the account.
        detail: {
          mail: {
            tags: {
              'ses:configuration-set': [
                { Ref: logicalId(stack, stack.mailConfigurationSets!.plain) },
                { Ref: logicalId(stack, stack.mailConfigurationSets!.tracked) },
              ],
            },
          },
        },
      },
      Targets: [
        {
          Arn: getAtt(logicalId(stack, queue.queue), 'Arn'),
          DeadLetterConfig: { Arn: expect.anything() },
        },
      ],
    });
    const domainRules = topology.rules.filter((r) => r.bus !== 'default');
    expect(
      Object.keys(
        template.findResources('AWS::Events::Rule', {
          Properties: { EventBusName: { Ref: logicalId(stack, stack.bus) } },
        }),
      ),
    ).toHaveLength(domainRules.length);
  });

  it('caps the consumers of a queue with a maximum concurrency and tells the consumer that number', () => {
    // Prepare
    const consumers = topology.functions.filter((f) => f.trigger.kind === 'queue');
    const capped = consumers.filter(
      (f) => f.trigger.kind === 'queue' && stack.queues.get(f.trigger.queue)!.definition.maxConcurrency,
    );

    // Assess
    expect(capped.map((f) => f.name)).toContain('newsletter-sender');
    for (const definition of consumers) {
      if (definition.trigger.kind !== 'queue') continue;
      const queue = stack.queues.get(definition.trigger.queue)!;
      const maxConcurrency = queue.definition.maxConcurrency;
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: getAtt(logicalId(stack, queue.queue), 'Arn'),
        ScalingConfig: maxConcurrency !== undefined ? { MaximumConcurrency: maxConcurrency } : Match.absent(),
      });
      expect(environmentOf(stack, template, definition.name).QUEUE_MAX_CONCURRENCY).toBe(
        maxConcurrency !== undefined ? String(maxConcurrency) : undefined,
      );
    }
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack, stack.functions.get('newsletter-sender')!.function) },
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('lets a function send to the queue its access names, and names the queue’s URL to it', () => {
    // Prepare
    const senders = topology.functions.filter((f) => f.access.sendToQueue !== undefined);
    // The topology's queues only: a function's asynchronous failures may go to a dead-letter queue.
    const topologyQueues = [...stack.queues.values()].map((q) =>
      JSON.stringify(getAtt(logicalId(stack, q.queue), 'Arn')),
    );

    // Assess
    expect(senders.map((f) => f.name)).toEqual(['newsletter-sender']);
    for (const definition of topology.functions) {
      const fn = stack.functions.get(definition.name)!;
      const variables = environmentOf(stack, template, definition.name);
      const queueUrls = Object.keys(variables).filter((name) => name.endsWith('_QUEUE_URL'));
      const sentTo = resourcesAllowed(
        functionStatements(template, logicalId(stack, fn.function)),
        'sqs:SendMessage',
      ).filter((arn) => topologyQueues.includes(JSON.stringify(arn)));
      const queueName = definition.access.sendToQueue;
      if (queueName === undefined) {
        expect(queueUrls, definition.name).toEqual([]);
        expect(sentTo, definition.name).toEqual([]);
        continue;
      }
      const queue = stack.queues.get(queueName)!.queue;
      expect(queueUrls).toEqual([queueUrlEnvironmentName(queueName)]);
      expect(variables[queueUrlEnvironmentName(queueName)]).toEqual({ Ref: logicalId(stack, queue) });
      expect(sentTo).toEqual([getAtt(logicalId(stack, queue), 'Arn')]);
    }
    expect(environmentOf(stack, template, 'newsletter-sender')).toHaveProperty('NEWSLETTER_SENDS_QUEUE_URL');
  });

  it('lets a function schedule messages to its queue: the group, the scheduler role that may send there, the queue’s ARN', () => {
    // Prepare
    const runTime = stack.runTimeSchedules!;
    const queue = stack.queues.get('newsletter-sends')!.queue;
    const api = stack.functions.get('newsletters-api')!;
    const statements = functionStatements(template, logicalId(stack, api.function));
    const schedulerStatements = roleStatements(template, logicalId(stack, runTime.role));

    // Act
    const variables = environmentOf(stack, template, 'newsletters-api');

    // Assess
    expect(topology.functions.find((f) => f.name === 'newsletters-api')!.access.scheduleToQueue).toBe(
      'newsletter-sends',
    );
    expect(variables).toMatchObject({
      SCHEDULE_GROUP: 'Gridline-run-time',
      SCHEDULER_ROLE_ARN: getAtt(logicalId(stack, runTime.role), 'Arn'),
      [queueScheduleTargetEnvironmentName]: getAtt(logicalId(stack, queue), 'Arn'),
      SCHEDULE_DEAD_LETTER_ARN: getAtt(logicalId(stack, runTime.deadLetters.queue), 'Arn'),
    });
    expect(variables).not.toHaveProperty('SCHEDULE_TARGET_ARN');
    expect(resourcesAllowed(schedulerStatements, 'sqs:SendMessage')).toEqual(
      expect.arrayContaining([getAtt(logicalId(stack, queue), 'Arn')]),
    );
    for (const action of [
      'scheduler:CreateSchedule',
      'scheduler:UpdateSchedule',
      'scheduler:DeleteSchedule',
      'scheduler:GetSchedule',
    ]) {
      expect(JSON.stringify(resourcesAllowed(statements, action)), action).toContain(
        ':schedule/Gridline-run-time/*',
      );
    }
    expect(resourcesAllowed(statements, 'iam:PassRole')).toEqual([
      getAtt(logicalId(stack, runTime.role), 'Arn'),
    ]);
    // SQS-managed encryption: the scheduler needs no key to send.
    expect(resources[logicalId(stack, queue)]!.Properties.KmsMasterKeyId).toBeUndefined();
    expect(schedulerStatements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('kms:'))).toEqual(
      [],
    );
  });

  it('generates the value of a generated secret and leaves the others to the operator', () => {
    for (const definition of topology.secrets) {
      const secret = resources[logicalId(stack, stack.secrets.get(definition.name)!)]!.Properties;
      if (definition.generated === true) {
        expect(secret).toEqual({
          Description: definition.description,
          GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
        });
      } else {
        expect(secret.Description).toBe(`${definition.description} (set its value after the first deploy)`);
      }
    }
    expect(topology.secrets.find((s) => s.name === unsubscribeSigningKeySecret)?.generated).toBe(true);
  });

  it('makes a plain and a tracked SES configuration set, each publishing its events to the default bus', () => {
    // Prepare
    const sets = stack.mailConfigurationSets!;
    const defaultBusArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':events:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':event-bus/default',
        ],
      ],
    };
    const plainEvents = ['send', 'delivery', 'bounce', 'complaint', 'reject'];

    // Assess
    template.resourceCountIs('AWS::SES::ConfigurationSet', 2);
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'Gridline-mail' });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'Gridline-mail-tracked' });
    template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 2);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: logicalId(stack, sets.plain) },
      EventDestination: {
        Enabled: true,
        EventBridgeDestination: { EventBusArn: defaultBusArn },
        MatchingEventTypes: plainEvents,
      },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: logicalId(stack, sets.tracked) },
      EventDestination: {
        Enabled: true,
        EventBridgeDestination: { EventBusArn: defaultBusArn },
        MatchingEventTypes: [...plainEvents, 'open', 'click'],
      },
    });
  });

  it('names the configuration sets to every function that sends email, and lets it send with them', () => {
    // Prepare
    const sets = stack.mailConfigurationSets!;
    const setArns = [sets.plain, sets.tracked].map((set) => configurationSetArn(logicalId(stack, set)));

    // Assess
    for (const definition of topology.functions) {
      const fn = stack.functions.get(definition.name)!;
      const variables = environmentOf(stack, template, definition.name);
      const statements = functionStatements(template, logicalId(stack, fn.function));
      if (definition.access.sendEmail !== true) {
        expect(variables, definition.name).not.toHaveProperty(sesConfigurationSetEnvironment.plain);
        expect(variables, definition.name).not.toHaveProperty(sesConfigurationSetEnvironment.tracked);
        continue;
      }
      expect(variables[sesConfigurationSetEnvironment.plain], definition.name).toEqual({
        Ref: logicalId(stack, sets.plain),
      });
      expect(variables[sesConfigurationSetEnvironment.tracked], definition.name).toEqual({
        Ref: logicalId(stack, sets.tracked),
      });
      for (const action of ['ses:SendEmail', 'ses:SendRawEmail']) {
        expect(resourcesAllowed(statements, action), `${definition.name} ${action}`).toEqual(
          expect.arrayContaining(setArns),
        );
      }
    }
  });

  it('gives every function that signs unsubscribe links the API’s unsubscribe URL', () => {
    // Prepare
    const apiUrl = {
      'Fn::Join': [
        '',
        [
          'https://',
          { Ref: logicalId(stack, stack.httpApi.api) },
          '.execute-api.',
          { Ref: 'AWS::Region' },
          '.',
          { Ref: 'AWS::URLSuffix' },
          '/v1/unsubscribe',
        ],
      ],
    };
    const signers = topology.functions.filter((f) => f.access.secrets?.includes(unsubscribeSigningKeySecret));

    // Assess
    expect(signers.map((f) => f.name)).toEqual([
      'newsletters-api',
      'newsletter-sender',
      'newsletter-unsubscribe',
    ]);
    for (const definition of topology.functions) {
      expect(environmentOf(stack, template, definition.name).UNSUBSCRIBE_BASE_URL, definition.name).toEqual(
        signers.includes(definition) ? apiUrl : undefined,
      );
    }
  });

  it('relays only outbox inserts from the table stream, retrying by halves and reporting item failures', () => {
    const relays = topology.functions.filter((f) => f.trigger.kind === 'outbox-stream');
    expect(relays.length).toBeGreaterThan(0);
    const mappings = Object.values(
      template.findResources('AWS::Lambda::EventSourceMapping', {
        Properties: { EventSourceArn: getAtt(logicalId(stack, stack.table), 'StreamArn') },
      }),
    ) as Resource[];
    expect(mappings).toHaveLength(relays.length);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
      const filters = (mapping.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
      expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([
        { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Outbox'] } } } },
      ]);
    }
  });

  it('keeps every log group for a limited time', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as Resource[];
    expect(groups.length).toBe(topology.functions.length + 1);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('grants least privilege: no table access for docs-api, no PutEvents for accounts-api', () => {
    const actionsOf = (name: string) =>
      roleActions(template, logicalId(stack, stack.functions.get(name)!.function));
    expect(actionsOf('docs-api').filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    expect(actionsOf('accounts-api')).not.toContain('events:PutEvents');
    expect(actionsOf('accounts-api')).toContain('dynamodb:PutItem');
    // Design rule 5: no request path may Scan; nothing writes in unguarded batches.
    for (const fn of topology.functions) {
      expect(actionsOf(fn.name)).not.toContain('dynamodb:Scan');
      expect(actionsOf(fn.name)).not.toContain('dynamodb:BatchWriteItem');
    }
    expect(actionsOf('outbox-relay')).toContain('events:PutEvents');
    expect(
      actionsOf('outbox-relay').filter((a) => a.startsWith('dynamodb:') && !a.includes('Stream')),
    ).toEqual(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']);
  });

  it('bundles the files the docs function reads, and the bundle alone serves them', async () => {
    // Prepare
    // The one test that needs a real bundle: a stack of the docs function alone, bundled.
    const docs = topology.functions.find((f) => f.name === 'docs-api')!;
    const { mailReceipt: _receipt, ...withoutMail } = topology;
    const docsOnly = new GridlineStack(new App(), 'Docs', {
      topology: { ...withoutMail, functions: [docs], queues: [], rules: [], schedules: [] },
    });
    const code = docsOnly.functions.get('docs-api')!.function.node.findChild('Code') as Asset;
    const bundle = path.resolve((docsOnly.node.root as App).outdir, code.assetPath);
    const { handler } = (await import(pathToFileURL(path.join(bundle, 'index.mjs')).href)) as {
      handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;
    };
    const packageFile = (file: string) => readFileSync(createRequire(import.meta.url).resolve(file), 'utf8');

    // Act
    const found = (docs.packageFiles ?? []).map((file) =>
      existsSync(path.join(bundle, 'node_modules', file)),
    );
    const [stylesheet, script, document] = await Promise.all(
      ['GET /docs/swagger-ui.css', 'GET /docs/swagger-ui-bundle.js', 'GET /openapi.json'].map((routeKey) =>
        handler(httpEventWithClaims(routeKey, {}), lambdaContext(docs)),
      ),
    );

    // Assess
    expect(docs.packageFiles).toEqual([
      'swagger-ui-dist/swagger-ui.css',
      'swagger-ui-dist/swagger-ui-bundle.js',
    ]);
    expect(found).toEqual([true, true]);
    expect(stylesheet?.statusCode).toBe(200);
    expect(stylesheet?.body).toBe(packageFile('swagger-ui-dist/swagger-ui.css'));
    expect(script?.statusCode).toBe(200);
    expect(script?.body).toBe(packageFile('swagger-ui-dist/swagger-ui-bundle.js'));
    expect(docs.projectFiles).toEqual([openApiFilePath]);
    expect(document?.statusCode).toBe(200);
    expect(JSON.parse(document?.body ?? '')).toEqual(
      JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../..', openApiFilePath), 'utf8')),
    );
  });

  it('outputs what clients and operators need', () => {
    for (const name of [
      'ApiUrl',
      'UserPoolId',
      'UserPoolClientId',
      'TableName',
      'EventBusName',
      'AlarmTopicArn',
      'DashboardUrl',
    ]) {
      template.hasOutput(name, {});
    }
    expect(JSON.stringify(template.toJSON().Outputs.DashboardUrl.Value)).toContain(
      '#dashboards/dashboard/Gridline-overview',
    );
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings', () => {
    // nagFindings walks the whole construct tree: the nested stacks' resources are in it.
    expect(nagFindings(stack)).toEqual([]);
    expect(nagFindings(stack.operations)).toEqual([]);
  });
});

describe('GridlineStack’s operations with the real topology', () => {
  let stack: GridlineStack;
  let template: Template;
  let operations: Template;
  let alarms: AlarmProperties[];

  beforeAll(() => {
    ({ stack, template } = synth(topology));
    operations = Template.fromStack(stack.operations);
    alarms = alarmsOf(operations);
  });

  it('alarms on every function’s errors, throttles and duration near its timeout, and on the relay falling behind', () => {
    for (const fn of topology.functions) {
      const on = { FunctionName: `Gridline-${fn.name}` };
      expect(alarmNamed(alarms, `Gridline-fn-${fn.name}-errors`)).toMatchObject(
        metricAlarm('AWS/Lambda', 'Errors', on, 'Sum', 0, 'GreaterThanThreshold'),
      );
      expect(alarmNamed(alarms, `Gridline-fn-${fn.name}-throttles`)).toMatchObject(
        metricAlarm('AWS/Lambda', 'Throttles', on, 'Sum', 0, 'GreaterThanThreshold'),
      );
      expect(alarmNamed(alarms, `Gridline-fn-${fn.name}-duration`)).toMatchObject(
        metricAlarm('AWS/Lambda', 'Duration', on, 'Maximum', fn.timeoutSeconds * 950, 'GreaterThanThreshold'),
      );
    }
    expect(alarmNamed(alarms, 'Gridline-fn-outbox-relay-iterator-age')).toMatchObject({
      ...metricAlarm(
        'AWS/Lambda',
        'IteratorAge',
        { FunctionName: 'Gridline-outbox-relay' },
        'Maximum',
        10_000,
        'GreaterThanThreshold',
      ),
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
    });
  });

  it('alarms on every work queue’s oldest message and on the first message of every dead-letter queue', () => {
    for (const queue of topology.queues) {
      expect(alarmNamed(alarms, `Gridline-queue-${queue.name}-age`)).toMatchObject(
        metricAlarm(
          'AWS/SQS',
          'ApproximateAgeOfOldestMessage',
          { QueueName: `Gridline-${queue.name}` },
          'Maximum',
          Math.max(900, 3 * queue.visibilityTimeoutSeconds),
          'GreaterThanThreshold',
        ),
      );
    }
    // Its pages wait up to 15 minutes on purpose, well under three visibility timeouts of 30 minutes.
    expect(alarmNamed(alarms, 'Gridline-queue-newsletter-sends-age').Threshold).toBe(5400);
    expect(alarmNamed(alarms, 'Gridline-queue-audit-age').Threshold).toBe(900);
    for (const schedule of topology.schedules) {
      expect(alarmNamed(alarms, `Gridline-schedule-${schedule.name}-dlq-not-empty`).AlarmDescription).toMatch(
        /#a-fixed-schedules-dead-letter-queue-is-not-empty$/,
      );
    }
    for (const deadLetters of deadLetterQueuesOf(topology)) {
      expect(alarmNamed(alarms, `Gridline-${deadLetters.name}-not-empty`)).toMatchObject(
        metricAlarm(
          'AWS/SQS',
          'ApproximateNumberOfMessagesVisible',
          { QueueName: `Gridline-${deadLetters.name}` },
          'Maximum',
          1,
          'GreaterThanOrEqualToThreshold',
        ),
      );
    }
  });

  it('alarms on every rule’s failed deliveries and on the schedule groups’ errors and drops', () => {
    for (const rule of topology.rules) {
      const on: Record<string, string> =
        rule.bus === 'default'
          ? { RuleName: `Gridline-${rule.name}` }
          : { EventBusName: 'Gridline-gridline-domain', RuleName: `Gridline-${rule.name}` };
      expect(alarmNamed(alarms, `Gridline-rule-${rule.name}-failed-invocations`)).toMatchObject(
        metricAlarm('AWS/Events', 'FailedInvocations', on, 'Sum', 1, 'GreaterThanOrEqualToThreshold'),
      );
    }
    for (const group of ['Gridline-fixed', 'Gridline-run-time']) {
      for (const [suffix, metric] of [
        ['target-errors', 'TargetErrorCount'],
        ['dropped', 'InvocationDroppedCount'],
      ]) {
        expect(alarmNamed(alarms, `Gridline-schedule-group-${group}-${suffix}`)).toMatchObject(
          metricAlarm(
            'AWS/Scheduler',
            metric!,
            { ScheduleGroup: group },
            'Sum',
            1,
            'GreaterThanOrEqualToThreshold',
          ),
        );
      }
    }
  });

  it('alarms when a failure could not be put in its dead-letter queue: rules, schedule groups, run-time schedule targets', () => {
    // Prepare
    const targets = runTimeScheduleTargetsOf(topology);
    const dlqAlarms = alarms.filter((a) =>
      /dlq-delivery-failures$|destination-delivery-failures$/.test(String(a.AlarmName)),
    );

    // Assess
    expect(targets.sort()).toEqual(['activity-due', 'case-timers']);
    expect(dlqAlarms).toHaveLength(topology.rules.length + 2 + targets.length);
    for (const rule of topology.rules) {
      const on: Record<string, string> =
        rule.bus === 'default'
          ? { RuleName: `Gridline-${rule.name}` }
          : { EventBusName: 'Gridline-gridline-domain', RuleName: `Gridline-${rule.name}` };
      expect(alarmNamed(alarms, `Gridline-rule-${rule.name}-dlq-delivery-failures`)).toMatchObject(
        metricAlarm(
          'AWS/Events',
          'InvocationsFailedToBeSentToDlq',
          on,
          'Sum',
          1,
          'GreaterThanOrEqualToThreshold',
        ),
      );
    }
    for (const group of ['Gridline-fixed', 'Gridline-run-time']) {
      expect(alarmNamed(alarms, `Gridline-schedule-group-${group}-dlq-delivery-failures`)).toMatchObject(
        metricAlarm(
          'AWS/Scheduler',
          'InvocationsFailedToBeSentToDeadLetterCount',
          { ScheduleGroup: group },
          'Sum',
          1,
          'GreaterThanOrEqualToThreshold',
        ),
      );
    }
    for (const fn of targets) {
      expect(alarmNamed(alarms, `Gridline-fn-${fn}-destination-delivery-failures`)).toMatchObject(
        metricAlarm(
          'AWS/Lambda',
          'DestinationDeliveryFailures',
          { FunctionName: `Gridline-${fn}` },
          'Sum',
          1,
          'GreaterThanOrEqualToThreshold',
        ),
      );
    }
    for (const alarm of dlqAlarms) {
      expect(alarm.AlarmDescription).toMatch(
        /Runbook: docs\/operations\.md#a-failure-could-not-be-put-in-its-dead-letter-queue$/,
      );
    }
  });

  it('alarms on the API’s 5xx rate and p99 latency, the table’s throttles and errors, and SES’s reputation', () => {
    // Prepare
    const apiId = { Ref: parameterFor(operations, 'HttpApi') };
    const tableName = { Ref: parameterFor(operations, 'Table') };

    // Assess
    const rate = alarmNamed(alarms, 'Gridline-api-5xx-rate');
    // In percent, and 0 under 20 requests: one error of five requests at night is no outage.
    expect(rate).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' });
    expect(rate.Metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
          ReturnData: true,
        }),
        expect.objectContaining({
          Id: 'errors',
          MetricStat: expect.objectContaining({
            Metric: {
              Namespace: 'AWS/ApiGateway',
              MetricName: '5xx',
              Dimensions: [
                { Name: 'ApiId', Value: apiId },
                { Name: 'Stage', Value: '$default' },
              ],
            },
            Period: 300,
          }),
        }),
      ]),
    );
    expect(alarmNamed(alarms, 'Gridline-api-latency-p99')).toMatchObject({
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: 5000,
    });
    for (const name of ['read', 'write']) {
      const throttles = alarmNamed(alarms, `Gridline-table-${name}-throttles`);
      expect(throttles).toMatchObject({ Threshold: 10, ComparisonOperator: 'GreaterThanThreshold' });
      expect(JSON.stringify(throttles.Metrics)).toContain(
        JSON.stringify({ Name: 'TableName', Value: tableName }),
      );
    }
    const systemErrors = alarmNamed(alarms, 'Gridline-table-system-errors');
    expect(systemErrors).toMatchObject({ Threshold: 0 });
    const operationsSummed = (
      systemErrors.Metrics as { MetricStat?: { Metric: { Dimensions: unknown[] } } }[]
    )
      .flatMap((m) => m.MetricStat?.Metric.Dimensions ?? [])
      .filter((d) => (d as { Name: string }).Name === 'Operation')
      .map((d) => (d as { Value: string }).Value);
    expect(operationsSummed.sort()).toEqual([...tableOperations].sort());
    expect(alarmNamed(alarms, 'Gridline-ses-bounce-rate')).toMatchObject(
      metricAlarm(
        'AWS/SES',
        'Reputation.BounceRate',
        {},
        'Maximum',
        0.05,
        'GreaterThanOrEqualToThreshold',
        3600,
      ),
    );
    expect(alarmNamed(alarms, 'Gridline-ses-complaint-rate')).toMatchObject(
      metricAlarm(
        'AWS/SES',
        'Reputation.ComplaintRate',
        {},
        'Maximum',
        0.001,
        'GreaterThanOrEqualToThreshold',
        3600,
      ),
    );
  });

  it('tells the topic of every alarm, firing and OK, names it after the stack and links a section of the runbook', () => {
    // Prepare
    const topic = {
      Ref: stack.operations.getLogicalId(stack.operations.topic.topic.node.defaultChild as CfnElement),
    };
    const sections = runbookSections();
    const expected =
      3 * topology.functions.length +
      1 +
      topology.queues.length +
      deadLetterQueuesOf(topology).length +
      topology.rules.length +
      2 * 2 +
      topology.rules.length +
      2 +
      runTimeScheduleTargetsOf(topology).length +
      2 +
      3 +
      2;

    // Assess
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    Template.fromStack(stack.httpApi.routes).resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(alarms).toHaveLength(expected);
    for (const alarm of alarms) {
      const name = alarm.AlarmName as string;
      expect(alarm.AlarmActions, name).toEqual([topic]);
      expect(alarm.OKActions, name).toEqual([topic]);
      expect(alarm.TreatMissingData, name).toBe('notBreaching');
      expect(name).toMatch(/^Gridline-/);
      const [, section] =
        /Runbook: docs\/operations\.md#([\w-]+)$/.exec(alarm.AlarmDescription as string) ?? [];
      expect(sections, name).toContain(section);
    }
  });

  it('encrypts the alarm topic with a rotated key CloudWatch may use, allows TLS only, and subscribes AlarmEmail when given', () => {
    // Prepare
    const keyId = stack.operations.getLogicalId(stack.operations.topic.key.node.defaultChild as CfnElement);
    const alarmsOfThisStack = {
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': alarmArnPattern },
    };
    const nested = Object.values(template.findResources('AWS::CloudFormation::Stack')).map(
      (r) => r.Properties.Parameters ?? {},
    );

    // Assess
    operations.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: alarmsOfThisStack,
          }),
        ]),
      },
    });
    operations.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'Gridline-alarms',
      KmsMasterKeyId: getAtt(keyId, 'Arn'),
    });
    operations.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: alarmsOfThisStack,
          }),
        ]),
      },
    });
    operations.hasResource('AWS::SNS::Subscription', {
      Condition: Match.anyValue(),
      Properties: { Protocol: 'email', Endpoint: { Ref: parameterFor(operations, 'AlarmEmail') } },
    });
    template.hasParameter('AlarmEmail', { Type: 'String', Default: '' });
    expect(JSON.stringify(nested)).toContain(JSON.stringify({ Ref: 'AlarmEmail' }));
  });

  it('names every alarm so the topic’s and the key’s policies let it publish', () => {
    // Prepare
    const [policy] = Object.values(operations.findResources('AWS::SNS::TopicPolicy'));
    const statements = policy!.Properties.PolicyDocument.Statement as {
      Condition?: { ArnLike?: { 'aws:SourceArn': { 'Fn::Join': [string, unknown[]] } } };
    }[];
    const sourceArn = statements.find((s) => s.Condition?.ArnLike)!.Condition!.ArnLike!['aws:SourceArn'];

    // Act
    const namePattern = String(sourceArn['Fn::Join'][1].at(-1)).replace(/^:alarm:/, '');
    const escaped = namePattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    const allowed = new RegExp(`^${escaped.replace(/\*/g, '.*')}$`);

    // Assess
    expect(namePattern).toBe('Gridline-*');
    for (const alarm of alarms) expect(alarm.AlarmName).toMatch(allowed);
  });

  it('puts every function, queue, dead-letter queue, rule and schedule on a dashboard', () => {
    // Act
    const widgets = dashboardWidgets(operations);
    const metrics = widgets.flatMap((w) => w.properties.metrics ?? []);
    const onDashboard = (dimension: string, value: string) =>
      metrics.some((m) => m.some((part, i) => part === dimension && m[i + 1] === value));
    const titles = widgets.map((w) => w.properties.title);

    // Assess
    expect(
      Object.values(operations.findResources('AWS::CloudWatch::Dashboard')).map(
        (d) => d.Properties.DashboardName,
      ),
    ).toEqual(['Gridline-overview', 'Gridline-functions', 'Gridline-queues']);
    for (const fn of topology.functions) {
      expect(onDashboard('FunctionName', `Gridline-${fn.name}`), fn.name).toBe(true);
      expect(onDashboard('function_name', `Gridline-${fn.name}`), `${fn.name} cold starts`).toBe(true);
      if (fn.trigger.kind === 'http') expect(titles).toContain(`Route group ${fn.name}`);
    }
    for (const queue of [...topology.queues, ...deadLetterQueuesOf(topology)]) {
      expect(onDashboard('QueueName', `Gridline-${queue.name}`), queue.name).toBe(true);
    }
    for (const rule of topology.rules) {
      expect(onDashboard('RuleName', `Gridline-${rule.name}`), rule.name).toBe(true);
    }
    for (const schedule of topology.schedules) {
      expect(titles).toContain(`Schedule ${schedule.name} → ${schedule.targetFunction}`);
    }
    for (const group of ['Gridline-fixed', 'Gridline-run-time'])
      expect(onDashboard('ScheduleGroup', group)).toBe(true);
    expect(onDashboard('ScheduleGroup', 'default')).toBe(false);
    // The name the relay publishes under is the one the dashboard shows.
    for (const metric of [...businessMetrics.map((m) => m.name), eventsRelayedMetric]) {
      expect(
        metrics.some((m) => m[0] === 'Gridline/Gridline' && m[1] === metric && m.includes('outbox-relay')),
        metric,
      ).toBe(true);
    }
  });

  it('saves Logs Insights queries over every function’s log group and the API’s access log', () => {
    // Prepare
    const queries = Object.values(operations.findResources('AWS::Logs::QueryDefinition')).map(
      (r) => r.Properties as { Name: string; QueryString: string; LogGroupNames: unknown[] },
    );
    const named = (name: string) => queries.find((q) => q.Name === `Gridline/${name}`)!;

    // Assess
    expect(queries.map((q) => q.Name).sort()).toEqual(
      [
        'api-5xx',
        'cold-starts-by-function',
        'errors-by-function',
        'errors-by-tenant',
        'slowest-invocations',
        'story-of-a-correlation-id',
      ].map((name) => `Gridline/${name}`),
    );
    for (const query of queries.filter((q) => q.Name !== 'Gridline/api-5xx')) {
      expect(query.LogGroupNames).toEqual(topology.functions.map((f) => `/aws/lambda/Gridline-${f.name}`));
    }
    expect(named('story-of-a-correlation-id').QueryString).toContain(
      'filter correlation_id = "REPLACE-WITH-CORRELATION-ID"',
    );
    expect(named('slowest-invocations').QueryString).toContain('filter @type = "REPORT"');
    expect(named('api-5xx').LogGroupNames).toEqual([{ Ref: parameterFor(operations, 'HttpApiAccessLogs') }]);
    // The runbook shows each query as it is saved.
    const runbookText = readFileSync(path.resolve(import.meta.dirname, '../../docs/operations.md'), 'utf8');
    for (const query of queries) expect(runbookText, query.Name).toContain(query.QueryString);
  });
});

describe('GridlineStack with a small synthetic topology', () => {
  const entry = 'functions/docs-api.ts';
  const synthetic: Topology = {
    functions: [
      {
        name: 'web',
        entry,
        description: 'http',
        memoryMb: 256,
        timeoutSeconds: 3,
        trigger: { kind: 'http', routes: [{ method: 'GET', path: '/ping', auth: 'jwt' }] },
        access: { table: 'read' },
      },
      {
        name: 'worker',
        entry,
        description: 'queue',
        memoryMb: 256,
        timeoutSeconds: 10,
        trigger: { kind: 'queue', queue: 'jobs' },
        access: { secrets: ['demo-key'] },
      },
      {
        name: 'nightly',
        entry,
        description: 'schedule',
        memoryMb: 256,
        timeoutSeconds: 60,
        trigger: { kind: 'schedule', schedule: 'nightly-digest' },
        access: { sendEmail: true },
      },
      {
        name: 'planner',
        entry,
        description: 'creates run-time schedules, uploads files, manages users, sends SMS',
        memoryMb: 256,
        timeoutSeconds: 10,
        trigger: { kind: 'http', routes: [{ method: 'POST', path: '/plans', auth: 'jwt' }] },
        access: { manageSchedulesFor: 'due', bucket: 'readWrite', cognitoAdmin: true, sendSms: true },
      },
      {
        name: 'due',
        entry,
        description: 'invoked by run-time schedules',
        memoryMb: 256,
        timeoutSeconds: 10,
        trigger: { kind: 'scheduler-target' },
        access: {},
      },
    ],
    queues: [
      {
        name: 'jobs',
        batchSize: 5,
        visibilityTimeoutSeconds: 30,
        maxReceiveCount: 3,
        maxBatchingWindowSeconds: 0,
      },
    ],
    rules: [
      {
        name: 'jobs',
        description: 'jobs',
        sources: ['test.jobs'],
        detailTypes: ['JobRequested'],
        targetQueue: 'jobs',
      },
    ],
    schedules: [
      {
        name: 'nightly-digest',
        description: 'digest',
        expression: 'cron(0 3 * * ? *)',
        targetFunction: 'nightly',
      },
    ],
    secrets: [{ name: 'demo-key', description: 'a provider key' }],
  };
  let stack: GridlineStack;
  let template: Template;

  beforeAll(() => {
    ({ stack, template } = synth(synthetic));
  });

  it('realises the schedule with EventBridge Scheduler, a retry policy and a DLQ', () => {
    const target = stack.functions.get('nightly')!.function;
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      State: 'ENABLED',
      Target: {
        Arn: getAtt(logicalId(stack, target), 'Arn'),
        RoleArn: Match.anyValue(),
        DeadLetterConfig: { Arn: Match.anyValue() },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      },
    });
  });

  it('matches detail types, realises the queue and grants the email and read permissions', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['test.jobs'], 'detail-type': ['JobRequested'] },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 30,
      RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() },
    });
    const actionsOf = (name: string) =>
      roleActions(template, logicalId(stack, stack.functions.get(name)!.function));
    expect(actionsOf('nightly')).toEqual(expect.arrayContaining(['ses:SendEmail', 'ses:SendRawEmail']));
    expect(actionsOf('planner')).toEqual(
      expect.arrayContaining([
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
        'iam:PassRole',
        's3:PutObject',
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminUserGlobalSignOut',
        'sms-voice:SendTextMessage',
      ]),
    );
    expect(actionsOf('web')).not.toContain('s3:PutObject');
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 2);
    const planner = stack.functions.get('planner')!.function.node.defaultChild as CfnElement;
    expect(
      template.toJSON().Resources[stack.getLogicalId(planner)].Properties.Environment.Variables,
    ).toHaveProperty('SCHEDULE_DEAD_LETTER_ARN');
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
      }),
    });
    expect(actionsOf('worker')).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('web')).not.toContain('secretsmanager:GetSecretValue');
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    expect(actionsOf('web')).toContain('dynamodb:Query');
    expect(actionsOf('web')).not.toContain('dynamodb:PutItem');
    expect(actionsOf('worker').filter((a) => a.startsWith('dynamodb:') || a.startsWith('ses:'))).toEqual([]);
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings', () => {
    expect(nagFindings(stack)).toEqual([]);
  });

  it('fits the operations to the topology: SES alarms, both schedule groups, no relay, every alarm told to the topic', () => {
    // Prepare
    const operations = Template.fromStack(stack.operations);

    // Act
    const alarms = alarmsOf(operations);
    const names = alarms.map((a) => a.AlarmName);

    // Assess
    expect(names).toEqual(
      expect.arrayContaining([
        'Gridline-ses-bounce-rate',
        'Gridline-ses-complaint-rate',
        'Gridline-schedule-group-Gridline-fixed-target-errors',
        'Gridline-schedule-group-Gridline-run-time-dropped',
        'Gridline-schedule-group-Gridline-fixed-dlq-delivery-failures',
        'Gridline-schedule-nightly-digest-dlq-not-empty',
        'Gridline-run-time-schedules-dlq-not-empty',
        'Gridline-fn-due-duration',
        'Gridline-fn-due-destination-delivery-failures',
      ]),
    );
    expect(names.filter((n) => String(n).endsWith('-iterator-age'))).toEqual([]);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions, String(alarm.AlarmName)).toHaveLength(1);
      expect(alarm.OKActions, String(alarm.AlarmName)).toEqual(alarm.AlarmActions);
    }
    expect(dashboardWidgets(operations).map((w) => w.properties.title)).not.toContain('Business events');
  });

  it('refuses a topology that names an unknown queue or schedule', () => {
    const broken = (change: Partial<Topology>) => () =>
      new GridlineStack(appWithoutBundling(), 'Broken', { topology: { ...synthetic, ...change } });
    expect(broken({ rules: [{ ...synthetic.rules[0]!, targetQueue: 'nope' }] })).toThrow(
      /unknown queue "nope"/,
    );
    expect(broken({ schedules: [] })).toThrow(/unknown schedule "nightly-digest"/);
  });

  it('refuses a function that sends or schedules to an unknown queue', () => {
    // Prepare
    const withAccess = (access: Topology['functions'][number]['access']) => () =>
      new GridlineStack(appWithoutBundling(), 'Broken', {
        topology: {
          ...synthetic,
          functions: synthetic.functions.map((f) =>
            f.name === 'web' ? { ...f, access: { ...f.access, ...access } } : f,
          ),
        },
      });

    // Assess
    expect(withAccess({ sendToQueue: 'nope' })).toThrow(/unknown queue "nope"/);
    expect(withAccess({ scheduleToQueue: 'nope' })).toThrow(/unknown queue "nope"/);
    expect(withAccess({ sendToQueue: 'jobs' })).not.toThrow();
  });

  it('refuses a generated secret that has no reason it is not rotated', () => {
    // Act
    const build = () =>
      new GridlineStack(appWithoutBundling(), 'Broken', {
        topology: { ...synthetic, secrets: [{ name: 'demo-key', description: 'a key', generated: true }] },
      });

    // Assess
    expect(build).toThrow(/generated secret "demo-key" needs a reason/);
  });
});

describe('GridlineStack with a topology that schedules to a queue and sends no email', () => {
  const entry = 'functions/docs-api.ts';
  const synthetic: Topology = {
    functions: [
      {
        name: 'starter',
        entry,
        description: 'schedules the start of work on the queue',
        memoryMb: 256,
        timeoutSeconds: 10,
        trigger: { kind: 'http', routes: [{ method: 'POST', path: '/starts', auth: 'jwt' }] },
        access: { scheduleToQueue: 'work', secrets: [unsubscribeSigningKeySecret] },
      },
      {
        name: 'worker',
        entry,
        description: 'works the queue, fanning the work out on it',
        memoryMb: 256,
        timeoutSeconds: 60,
        trigger: { kind: 'queue', queue: 'work' },
        access: { sendToQueue: 'work' },
      },
    ],
    queues: [
      {
        name: 'work',
        batchSize: 1,
        visibilityTimeoutSeconds: 120,
        maxReceiveCount: 3,
        maxBatchingWindowSeconds: 0,
        maxConcurrency: 3,
      },
    ],
    rules: [
      {
        name: 'service-events',
        bus: 'default',
        description: 'an AWS service’s events',
        sources: ['aws.ses'],
        targetQueue: 'work',
      },
    ],
    schedules: [],
    secrets: [{ name: unsubscribeSigningKeySecret, description: 'signs links', generated: true }],
  };
  let stack: GridlineStack;
  let template: Template;

  beforeAll(() => {
    ({ stack, template } = synth(synthetic));
  });

  it('gives a function that only schedules to a queue the run-time group, and the scheduler a role that only sends there', () => {
    // Prepare
    const runTime = stack.runTimeSchedules!;
    const queue = stack.queues.get('work')!.queue;

    // Act
    const statements = roleStatements(template, logicalId(stack, runTime.role));
    const variables = environmentOf(stack, template, 'starter');

    // Assess
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    expect(statements.flatMap((s) => [s.Action].flat())).not.toContain('lambda:InvokeFunction');
    expect(resourcesAllowed(statements, 'sqs:SendMessage')).toEqual([
      getAtt(logicalId(stack, runTime.deadLetters.queue), 'Arn'),
      getAtt(logicalId(stack, queue), 'Arn'),
    ]);
    expect(variables).toMatchObject({
      SCHEDULE_GROUP: 'Gridline-run-time',
      SCHEDULER_ROLE_ARN: getAtt(logicalId(stack, runTime.role), 'Arn'),
      SCHEDULE_QUEUE_ARN: getAtt(logicalId(stack, queue), 'Arn'),
      SCHEDULE_DEAD_LETTER_ARN: getAtt(logicalId(stack, runTime.deadLetters.queue), 'Arn'),
    });
    expect(variables).not.toHaveProperty('SCHEDULE_TARGET_ARN');
    expect(roleActions(template, logicalId(stack, stack.functions.get('starter')!.function))).toEqual(
      expect.arrayContaining(['scheduler:CreateSchedule', 'iam:PassRole']),
    );
    expect(roleActions(template, logicalId(stack, stack.functions.get('worker')!.function))).not.toContain(
      'iam:PassRole',
    );
  });

  it('caps the queue’s consumers, tells the worker how many, and lets it send to its own queue', () => {
    // Prepare
    const queue = stack.queues.get('work')!.queue;
    const worker = stack.functions.get('worker')!.function;

    // Act
    const variables = environmentOf(stack, template, 'worker');

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack, worker) },
      ScalingConfig: { MaximumConcurrency: 3 },
    });
    expect(variables).toMatchObject({
      QUEUE_MAX_CONCURRENCY: '3',
      WORK_QUEUE_URL: { Ref: logicalId(stack, queue) },
    });
    expect(
      resourcesAllowed(functionStatements(template, logicalId(stack, worker)), 'sqs:SendMessage'),
    ).toEqual([getAtt(logicalId(stack, queue), 'Arn')]);
  });

  it('puts a default-bus rule on the default bus, with a DLQ', () => {
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: { source: ['aws.ses'] },
      Targets: [
        Match.objectLike({
          Arn: getAtt(logicalId(stack, stack.queues.get('work')!.queue), 'Arn'),
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
  });

  it('has no SES alarms when no function sends email, and watches the run-time schedule group only', () => {
    // Act
    const names = alarmsOf(Template.fromStack(stack.operations)).map((a) => a.AlarmName);

    // Assess
    expect(names.filter((n) => String(n).startsWith('Gridline-ses-'))).toEqual([]);
    expect(names.filter((n) => String(n).startsWith('Gridline-schedule-group-'))).toEqual([
      'Gridline-schedule-group-Gridline-run-time-target-errors',
      'Gridline-schedule-group-Gridline-run-time-dropped',
      'Gridline-schedule-group-Gridline-run-time-dlq-delivery-failures',
    ]);
    // It schedules to a queue only: no function has an on-failure destination.
    expect(names.filter((n) => String(n).endsWith('-destination-delivery-failures'))).toEqual([]);
  });

  it('makes no configuration sets when no function sends email, and generates the generated secret', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 0);
    template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 0);
    expect(stack.mailConfigurationSets).toBeUndefined();
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: 'signs links',
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    expect(environmentOf(stack, template, 'starter')).toHaveProperty('UNSUBSCRIBE_BASE_URL');
    expect(environmentOf(stack, template, 'worker')).not.toHaveProperty('UNSUBSCRIBE_BASE_URL');
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});
