import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../lib/local/dynamodb-local';
import type { SesLocalStore } from '../../lib/local/ses-local';

const dummyCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('DynamoDB Local', () => {
  const dynamo = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_DYNAMODB_REGION,
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });

  afterAll(() => dynamo.destroy());

  async function createTable(): Promise<string> {
    const tableName = `local-services-${randomUUID()}`;
    await dynamo.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    return tableName;
  }

  it('creates a table, writes an item and reads it back', async () => {
    // Prepare
    const tableName = await createTable();
    const item = { pk: { S: 'CUSTOMER#1' }, sk: { S: 'PROFILE' }, name: { S: 'Ada' } };

    // Act
    await dynamo.send(new PutItemCommand({ TableName: tableName, Item: item }));
    const result = await dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }),
    );

    // Assess
    expect(result.Item).toEqual(item);
  });

  it('cancels a transaction whose condition fails and writes none of its items', async () => {
    // Prepare
    const tableName = await createTable();
    const existing = { pk: { S: 'CUSTOMER#1' }, sk: { S: 'PROFILE' } };
    const other = { pk: { S: 'CUSTOMER#2' }, sk: { S: 'PROFILE' } };
    await dynamo.send(new PutItemCommand({ TableName: tableName, Item: existing }));

    // Act
    const transaction = dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: existing,
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: tableName, Item: other } },
        ],
      }),
    );

    // Assess
    const error = await transaction.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    const reasons = (error as TransactionCanceledException).CancellationReasons?.map((reason) => reason.Code);
    expect(reasons).toEqual(['ConditionalCheckFailed', 'None']);
    const otherItem = await dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: other, ConsistentRead: true }),
    );
    expect(otherItem.Item).toBeUndefined();
  });
});

describe('SES local', () => {
  const sesEndpoint = inject('sesEndpoint');
  const ses = new SESv2Client({ endpoint: sesEndpoint, region: 'eu-north-1', credentials: dummyCredentials });

  afterAll(() => ses.destroy());

  it('keeps a mail sent through SESv2 in /store', async () => {
    // Prepare
    const subject = `Meter reading reminder ${randomUUID()}`;

    // Act
    const sent = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@gridline.example',
        Destination: { ToAddresses: ['customer@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: subject },
            Body: { Text: { Data: 'Please submit your meter reading.' } },
          },
        },
      }),
    );

    // Assess
    const response = await fetch(`${sesEndpoint}/store`);
    expect(response.status).toBe(200);
    const store = (await response.json()) as SesLocalStore;
    const mail = store.emails.find((email) => email.messageId === sent.MessageId);
    expect(mail).toMatchObject({
      from: 'noreply@gridline.example',
      destination: { to: ['customer@example.com'] },
      subject,
      body: { text: 'Please submit your meter reading.' },
    });
  });
});
