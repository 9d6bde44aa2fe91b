/**
 * The one DynamoDB table, described once. The CDK stack and the local runtime
 * both build their table from this, so keys and indexes cannot drift apart.
 */
export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface TableDefinition {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly globalIndexes: readonly IndexDefinition[];
  readonly timeToLiveAttribute: string;
}

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    // Collections: an account and everything that belongs to it, in one Query.
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // Tenant-wide lists of one entity type, sorted by a display key.
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  timeToLiveAttribute: 'expiresAt',
} as const satisfies TableDefinition;

export type GlobalIndexName = (typeof tableDefinition.globalIndexes)[number]['name'];
