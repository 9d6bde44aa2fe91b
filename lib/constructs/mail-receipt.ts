import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { MailReceiptDefinition } from '../topology-types';

export interface MailReceiptProps {
  readonly definition: MailReceiptDefinition;
  readonly bucket: s3.Bucket;
  readonly queue: sqs.Queue;
}

/**
 * Inbound mail for customer service: an SES receipt rule set whose rule
 * stores every message for the account's verified receiving domains under
 * the prefix in the files bucket, and the bucket's notification of each
 * stored message to the inbound-mail queue. SES uses one active rule set per
 * region and CloudFormation cannot make one active: the operator activates
 * it once (docs/operations.md), and points the domain's MX record at SES.
 */
export class MailReceipt extends Construct {
  readonly ruleSet: ses.ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: MailReceiptProps) {
    super(scope, id);
    const { definition, bucket, queue } = props;
    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', {
      rules: [
        {
          // No recipients: every address of the verified domains; the tenant is told by the mailbox address.
          scanEnabled: true,
          actions: [new sesActions.S3({ bucket, objectKeyPrefix: definition.prefix })],
        },
      ],
    });
    // The bucket's own notification configuration, not CDK's notifications handler (a Lambda with a
    // managed policy). S3 checks the queue's policy when the bucket is updated, so the bucket waits
    // for it; the policy names the account, not the bucket, which would make a cycle.
    const { policyDependable } = queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.notificationConfiguration = {
      queueConfigurations: [
        {
          event: 's3:ObjectCreated:*',
          queue: queue.queueArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: definition.prefix }] } },
        },
      ],
    };
    if (policyDependable) cfnBucket.node.addDependency(policyDependable);
  }
}
