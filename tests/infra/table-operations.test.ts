import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableOperations } from '../../lib/constructs/operations/service-alarms';

const sharedDirectory = path.resolve(import.meta.dirname, '../../shared');

/** The document client's commands by the DynamoDB operation each calls; the others are named after it. */
const documentClientOperations: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/** The DynamoDB operations a source file sends: commands it imports from the SDK and constructs. */
function operationsSentBy(source: string): string[] {
  const imports = source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/(lib|client)-dynamodb'/g);
  return [...imports].flatMap(([, names, client]) =>
    names!
      .split(',')
      .map((name) => name.trim())
      .filter((name) => /^\w+Command$/.test(name) && source.includes(`new ${name}(`))
      .map((name) => {
        const command = name.replace(/Command$/, '');
        return client === 'lib' ? (documentClientOperations[command] ?? command) : command;
      }),
  );
}

describe('the table SystemErrors alarm', () => {
  it('sums exactly the DynamoDB operations the code in shared/ sends', () => {
    // Act
    const used = readdirSync(sharedDirectory, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => operationsSentBy(readFileSync(path.join(sharedDirectory, file), 'utf8')));

    // Assess
    expect(new Set(used)).toEqual(new Set(tableOperations));
    expect(tableOperations.length).toBeLessThanOrEqual(10);
  });
});
