import { DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import { createTable, type Table } from '#table/core/table';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../local/dynamodb-local';
import { noLocalRuntime, readLocalRuntimeFacts } from './local-runtime-facts';

/** The table an operations command works on, and where it is, for messages. */
export interface TableTarget {
  readonly table: Table;
  readonly where: string;
}

/** A target the command cannot work on: why, for the operator. */
export class TableTargetError extends Error {}

/**
 * The stack's table in AWS when a stack is named (region and credentials
 * from the usual AWS environment), otherwise the local runtime's as
 * `runtimeFile` describes it. CloudFormation names the table
 * `<stack>-Table…`; `tableName` (the stack's `TableName` output) is taken
 * as it is.
 */
export async function tableTarget(
  stack: string | undefined,
  tableName: string | undefined,
  runtimeFile: string,
): Promise<TableTarget> {
  if (stack) return stackTableTarget(stack, tableName);
  const facts = readLocalRuntimeFacts(runtimeFile);
  if (!facts) throw new TableTargetError(noLocalRuntime(runtimeFile));
  if (!facts.dynamoEndpoint || !facts.tableName) {
    throw new TableTargetError(
      `${runtimeFile} names no local table: restart the local runtime with npm start.`,
    );
  }
  const client = new DynamoDBClient({
    endpoint: facts.dynamoEndpoint,
    // DynamoDB Local keeps one database per access key id and region: the runtime's.
    region: LOCAL_DYNAMODB_REGION,
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });
  return { table: createTable(facts.tableName, client), where: 'the local runtime' };
}

/** The stack's table in AWS, found as `<stack>-Table…` unless `tableName` names it. */
export async function stackTableTarget(
  stack: string,
  tableName: string | undefined,
  client?: DynamoDBClient,
): Promise<TableTarget> {
  const used = client ?? new DynamoDBClient({});
  try {
    const name = tableName ?? (await stackTableName(used, stack));
    return { table: createTable(name, used), where: `the table ${name} of the stack ${stack} in AWS` };
  } catch (error) {
    // No target to hand back, so nobody else would close the client it made.
    if (!client) used.destroy();
    throw error;
  }
}

async function stackTableName(client: DynamoDBClient, stack: string): Promise<string> {
  const prefix = `${stack}-Table`;
  const found: string[] = [];
  for await (const page of paginateListTables({ client }, {})) {
    found.push(...(page.TableNames ?? []).filter((name) => name.startsWith(prefix)));
  }
  if (found.length !== 1) {
    throw new TableTargetError(
      `${found.length === 0 ? 'No table' : `${found.length} tables`} named ${prefix}… in this account and region: name the stack's table with --table <its TableName output>.`,
    );
  }
  return found[0] as string;
}
