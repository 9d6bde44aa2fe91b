import { createRequire } from 'node:module';
import path from 'node:path';
import { ArnFormat, type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricsNamespace } from '#runtime/business-metrics';
import { awsFunctionName } from '../operations/aws-names';
import {
  type FunctionAccess,
  type FunctionDefinition,
  queueUrlEnvironmentName,
  secretEnvironmentName,
  signiApiKeySecret,
  unsubscribeSigningKeySecret,
} from '../topology-types';
import { functionBundle } from './function-bundle';
import type { MailConfigurationSets } from './mail-configuration-sets';

/** The project root: entries, package-lock.json and node_modules live there. */
export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * Copies the package files a function reads at run time into a node_modules
 * beside its bundle, where Node finds them as it finds them locally, and the
 * project files it reads by name beside the bundle itself.
 */
function copyRunTimeFiles(definition: FunctionDefinition): ICommandHooks | undefined {
  const { packageFiles = [], projectFiles = [] } = definition;
  if (packageFiles.length === 0 && projectFiles.length === 0) return undefined;
  const resolve = createRequire(import.meta.url).resolve;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [
      ...packageFiles.map((file) => {
        if (!/^[\w@.-]+(\/[\w@.-]+)+$/.test(file)) throw new Error(`not a package file: ${file}`);
        const target = path.join(outputDir, 'node_modules', file);
        return `mkdir -p "${path.dirname(target)}" && cp "${resolve(file)}" "${target}"`;
      }),
      ...projectFiles.map((file) => {
        if (!/^[\w.-]+(\/[\w.-]+)*$/.test(file)) throw new Error(`not a project file: ${file}`);
        return `cp "${path.join(projectRoot, file)}" "${path.join(outputDir, path.basename(file))}"`;
      }),
    ],
  };
}

const tableReadActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:DescribeTable',
];
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

export interface GridlineFunctionProps {
  readonly definition: FunctionDefinition;
  readonly table: dynamodb.ITableV2;
  readonly bus: events.IEventBus;
  /** The stack's secrets by topology name; the function reads those its access names. */
  readonly secrets: ReadonlyMap<string, secretsmanager.ISecret>;
  /** The stack's queues by topology name; the function sends to the one its access names. */
  readonly queues: ReadonlyMap<string, sqs.IQueue>;
  /** The SES configuration sets a function with `sendEmail` sends with. */
  readonly mailConfigurationSets?: MailConfigurationSets;
  readonly filesBucket: s3.IBucket;
  readonly userPool: cognito.IUserPool;
  /** The API's URL, for functions that hand out callback and unsubscribe URLs. */
  readonly apiUrl: string;
  /** @default one month */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Node maps stack traces through the bundle's source map (`--enable-source-maps`).
   * Off by default: it costs every cold start 11–15 % more load time and 7–10 MiB.
   */
  readonly sourceMapsInStackTraces?: boolean;
}

/**
 * One function of the topology with Gridline's defaults: Node.js 22 on ARM,
 * ESM bundle with the AWS SDK inside, its own log group and execution role
 * (no AWS managed policies), and exactly the access its definition asks for.
 * Its alarms and dashboard widgets are the operations stack's
 * (constructs/operations), which finds it by its name.
 */
export class GridlineFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: GridlineFunctionProps) {
    super(scope, id);
    const { definition, table, bus } = props;
    const { access } = definition;
    const functionName = awsFunctionName(Stack.of(this).stackName, definition.name);
    const apiUrl = props.apiUrl.replace(/\/$/, '');
    const mailSets = access.sendEmail === true ? props.mailConfigurationSets : undefined;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      // The name is fixed; a retained group would block re-creating the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${functionName}`,
    });
    // Instead of AWSLambdaBasicExecutionRole (which may create and write any log group).
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      description: definition.description,
      entry: path.join(projectRoot, definition.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: definition.name,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(Stack.of(this).stackName),
        ...(props.sourceMapsInStackTraces === true ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...(access.table !== undefined ? { TABLE_NAME: table.tableName } : {}),
        ...(access.putEvents === true ? { EVENT_BUS_NAME: bus.eventBusName } : {}),
        ...(access.bucket !== undefined ? { ATTACHMENTS_BUCKET: props.filesBucket.bucketName } : {}),
        ...(access.cognitoAdmin === true ? { USER_POOL_ID: props.userPool.userPoolId } : {}),
        ...(access.webhookSecrets !== undefined
          ? { LEAD_SOURCE_SECRET_PREFIX: leadSourceSecretPrefix(Stack.of(scope)) }
          : {}),
        ...(access.eSignature === true
          ? {
              SIGNI_API_URL: signiApiUrl,
              SIGNING_CALLBACK_URL: `${apiUrl}/v1/webhooks/e-signature/signi`,
            }
          : {}),
        ...(secretNames(access).includes(unsubscribeSigningKeySecret)
          ? { UNSUBSCRIBE_BASE_URL: `${apiUrl}/v1/unsubscribe` }
          : {}),
        ...(access.sendToQueue !== undefined
          ? { [queueUrlEnvironmentName(access.sendToQueue)]: this.queue(props, access.sendToQueue).queueUrl }
          : {}),
        ...(mailSets !== undefined ? mailSets.environment : {}),
        ...Object.fromEntries(
          secretNames(access).map((name) => [
            secretEnvironmentName(name),
            this.secret(props, name).secretArn,
          ]),
        ),
      },
      bundling: {
        format: OutputFormat.ESM,
        target: functionBundle.target,
        mainFields: [...functionBundle.mainFields],
        banner: functionBundle.banner,
        minify: functionBundle.minify,
        sourceMap: functionBundle.sourceMap,
        sourcesContent: false,
        externalModules: [],
        forceDockerBundling: false,
        commandHooks: copyRunTimeFiles(definition),
      },
    });

    // Only what the table layer does: no Scan (design rule 5), no BatchWriteItem.
    if (access.table === 'read') table.grant(this.role, ...tableReadActions);
    if (access.table === 'readWrite') table.grant(this.role, ...tableReadActions, ...tableWriteActions);
    if (access.table !== undefined) {
      const tableId = Stack.of(this).getLogicalId(table.node.defaultChild as CfnElement);
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        reason: "The table's own global secondary indexes (tableDefinition.globalIndexes), nothing else",
      });
    }
    if (access.putEvents === true) bus.grantPutEventsTo(this.role);
    if (access.sendToQueue !== undefined) this.queue(props, access.sendToQueue).grantSendMessages(this.role);
    for (const name of secretNames(access)) this.secret(props, name).grantRead(this.role);
    if (access.bucket === 'read') props.filesBucket.grantRead(this.role);
    if (access.bucket === 'readWrite') props.filesBucket.grantReadWrite(this.role);
    if (access.bucket !== undefined) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
        reason: 'Objects of the files bucket only; the wildcards are the CDK grant’s object-level actions',
      });
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        reason: 'The files bucket only; the wildcards are the CDK grant’s bucket-level read actions',
      });
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Action::s3:List*]',
        reason: 'The files bucket only',
      });
      if (access.bucket === 'readWrite') {
        Validations.of(this.role).acknowledge({
          id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
          reason: 'Objects of the files bucket only',
        });
        Validations.of(this.role).acknowledge({
          id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
          reason: 'Multipart uploads to the files bucket only',
        });
      }
      const bucketId = Stack.of(this).getLogicalId(props.filesBucket.node.defaultChild as CfnElement);
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
        reason: 'Every object of the files bucket: keys start with the tenant id, checked by the code',
      });
    }
    if (access.webhookSecrets !== undefined) this.grantWebhookSecrets(access.webhookSecrets);
    if (access.cognitoAdmin === true) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [
            'cognito-idp:AdminCreateUser',
            'cognito-idp:AdminGetUser',
            'cognito-idp:AdminAddUserToGroup',
            'cognito-idp:AdminRemoveUserFromGroup',
            'cognito-idp:AdminListGroupsForUser',
            'cognito-idp:AdminDisableUser',
            'cognito-idp:AdminUserGlobalSignOut',
            'cognito-idp:AdminEnableUser',
          ],
          resources: [props.userPool.userPoolArn],
        }),
      );
    }
    if (access.sendSms === true) {
      // Every resource SendTextMessage names (the tenant's phone number, pool or sender ID, the
      // configuration set, opt-out list or protect configuration) is one of this account and region.
      const smsResources = Stack.of(this).formatArn({ service: 'sms-voice', resource: '*' });
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: [smsResources] }),
      );
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sms-voice:<AWS::Region>:<AWS::AccountId>:*]',
        reason:
          'SendTextMessage only, on End User Messaging resources of this account and region: the origination identity is each tenant’s own, configured outside this stack',
      });
    }
    if (access.sendEmail === true) {
      const identities = Stack.of(this).formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: '*',
      });
      // SES checks the sender's permission on the configuration set it names as well as on the identity.
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [identities, ...(mailSets?.arns ?? [])],
        }),
      );
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
        reason:
          'Sender identities (domains and addresses) are verified outside this stack; sending is limited to this account and region',
      });
    }
    if (access.readSendQuota === true) {
      // The account's send rate, which the newsletter sender paces itself to.
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }),
      );
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'SES GetAccount (the account’s send quota) supports no resource-level permissions',
      });
    }

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 (LTS) is pinned on purpose and the bundles target node22; moving to a newer runtime is a deliberate upgrade, not a side effect of a CDK update',
    });
  }

  /** Lead sources' secrets are made at run time, one per source, so the grant is on their name prefix. */
  private grantWebhookSecrets(level: 'read' | 'manage'): void {
    const stack = Stack.of(this);
    const secrets = stack.formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${leadSourceSecretPrefix(stack)}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const read = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];
    const manage = [
      'secretsmanager:CreateSecret',
      'secretsmanager:PutSecretValue',
      'secretsmanager:TagResource',
    ];
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: level === 'manage' ? [...read, ...manage] : read,
        resources: [secrets],
      }),
    );
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${leadSourceSecretPrefix(stack)}*]`,
      reason: 'The signing secrets of lead sources, created at run time one per source under this prefix',
    });
  }

  private queue(props: GridlineFunctionProps, name: string): sqs.IQueue {
    const queue = props.queues.get(name);
    if (!queue) throw new Error(`the topology refers to the unknown queue "${name}"`);
    return queue;
  }

  private secret(props: GridlineFunctionProps, name: string): secretsmanager.ISecret {
    const secret = props.secrets.get(name);
    if (!secret) throw new Error(`the topology refers to the unknown secret "${name}"`);
    return secret;
  }
}

/** Where the stack keeps lead sources' signing secrets: `<stack>/lead-sources/<sourceId>`. */
export const leadSourceSecretPrefix = (stack: Stack) => `${stack.stackName}/lead-sources/`;

/** Signi's production API; a test or demo workspace differs only in its key (docs/decisions/0014). */
const signiApiUrl = 'https://api.signi.com';

/** The secrets a function reads: those it names, and Signi's key with e-signature access. */
const secretNames = (access: FunctionAccess): string[] => [
  ...new Set([...(access.secrets ?? []), ...(access.eSignature === true ? [signiApiKeySecret] : [])]),
];
