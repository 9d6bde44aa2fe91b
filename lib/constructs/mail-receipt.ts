import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { MailReceiptDefinition } from '../topology-types';

export interface MailReceiptProps {
  readonly definition: MailReceiptDefinition;
  readonly bucket: s3.IBucket;
  readonly queue: sqs.IQueue;
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
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue), {
      prefix: definition.prefix,
    });
  }
}
