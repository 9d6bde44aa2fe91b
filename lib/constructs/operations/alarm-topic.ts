import { Aws, CfnCondition, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** The main stack's name: the topic is `<stack>-alarms`, and only its alarms may publish. */
  readonly stackName: string;
  /** An address to subscribe; none when empty. */
  readonly email: string;
}

/**
 * Where every alarm of the stack reports, firing and OK again: an SNS topic
 * encrypted with a key of its own, reached over TLS only, with an e-mail
 * subscription when an address is given.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    // A customer managed key: CloudWatch cannot publish to a topic encrypted with
    // the AWS managed key (aws/sns), whose policy no one can extend.
    // The stack's own alarms only (they are all named after it), not any alarm of the account.
    // A stack named `<stack>-<more>` matches as well: CloudFormation names allow no separator to avoid that.
    const stackAlarms = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: {
        'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${props.stackName}-*`,
      },
    };
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts the alarm notifications of ${props.stackName}`,
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: stackAlarms,
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: `${props.stackName}-alarms`,
      displayName: `${props.stackName} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'StackAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: stackAlarms,
      }),
    );

    const subscription = new sns.Subscription(this, 'Email', {
      topic: this.topic,
      protocol: sns.SubscriptionProtocol.EMAIL,
      endpoint: props.email,
    });
    (subscription.node.defaultChild as sns.CfnSubscription).cfnOptions.condition = new CfnCondition(
      this,
      'HasEmail',
      { expression: Fn.conditionNot(Fn.conditionEquals(props.email, '')) },
    );
  }
}
