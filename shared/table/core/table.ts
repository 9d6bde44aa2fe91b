import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The single table: a document client and the table's name. */
export interface Table {
  readonly client: DynamoDBDocumentClient;
  readonly name: string;
}

export function createTable(name: string, client = new DynamoDBClient({})): Table {
  return {
    name,
    client: DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
  };
}

let fromEnvironment: Table | undefined;

/**
 * The table named by `TABLE_NAME`, created once per Lambda container. The
 * endpoint comes from the SDK's own configuration (`AWS_ENDPOINT_URL_DYNAMODB`
 * locally), so this is the same code in the cloud and on a laptop.
 */
export function tableFromEnvironment(): Table {
  if (!fromEnvironment) {
    const name = process.env.TABLE_NAME;
    if (!name) throw new Error('TABLE_NAME is not set');
    fromEnvironment = createTable(name);
  }
  return fromEnvironment;
}
