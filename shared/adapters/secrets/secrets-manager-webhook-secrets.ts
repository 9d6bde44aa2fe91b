import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ConflictError, NotFoundError } from '#domain/errors';
import type { Clock } from '#domain/ports';
import {
  acceptedSecrets,
  rotatedSecret,
  type StoredWebhookSecret,
  type WebhookSecrets,
} from '#domain/sales/leads/webhook-secrets';
import { newWebhookSecret } from '#domain/sales/leads/webhook-signature';
import { TtlCache } from './ttl-cache';

export interface SecretsManagerWebhookSecretsOptions {
  /** Default `gridline/lead-sources/`; the secret of a source is this and its id. */
  readonly namePrefix?: string;
  /** How long a read is reused. Default one minute: a rotation elsewhere is seen within it. */
  readonly ttlMs?: number;
  readonly clock?: Clock;
}

const tenantTag = 'tenantId';

/**
 * Lead sources' signing secrets in Secrets Manager: one secret per source,
 * its value JSON `{ current, previous?, rotatedAt? }`, tagged with the
 * tenant. Reads are cached per source; what the cache holds is the stored
 * value, so the previous secret still expires on time.
 */
export class SecretsManagerWebhookSecrets implements WebhookSecrets {
  private readonly prefix: string;
  private readonly clock: Clock;
  private readonly cache: TtlCache<StoredWebhookSecret>;

  constructor(
    private readonly client = new SecretsManagerClient({}),
    options: SecretsManagerWebhookSecretsOptions = {},
  ) {
    this.prefix = options.namePrefix ?? 'gridline/lead-sources/';
    this.clock = options.clock ?? { now: () => new Date() };
    this.cache = new TtlCache(options.ttlMs ?? 60_000, () => this.clock.now().getTime());
  }

  async create(tenantId: string, sourceId: string): Promise<string> {
    const secret = newWebhookSecret();
    const stored: StoredWebhookSecret = { current: secret };
    try {
      await this.client.send(
        new CreateSecretCommand({
          Name: this.name(sourceId),
          Description: `Signs the webhook deliveries of lead source ${sourceId}`,
          SecretString: JSON.stringify(stored),
          Tags: [{ Key: tenantTag, Value: tenantId }],
        }),
      );
    } catch (error) {
      if (error instanceof ResourceExistsException)
        throw new ConflictError(
          'already-exists',
          `lead source ${sourceId} already has a signing secret`,
          [],
          { cause: error },
        );
      throw error;
    }
    this.cache.forget(sourceId);
    return secret;
  }

  async rotate(tenantId: string, sourceId: string): Promise<string> {
    const name = this.name(sourceId);
    const description = await this.found(sourceId, () =>
      this.client.send(new DescribeSecretCommand({ SecretId: name })),
    );
    const owner = description.Tags?.find((tag) => tag.Key === tenantTag)?.Value;
    if (owner !== tenantId) throw new NotFoundError('lead source', sourceId);
    const next = newWebhookSecret();
    const stored = rotatedSecret(await this.load(sourceId), next, this.clock.now());
    await this.client.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify(stored) }),
    );
    this.cache.forget(sourceId);
    return next;
  }

  async read(sourceId: string): Promise<readonly string[]> {
    const stored = await this.cache.get(sourceId, () => this.load(sourceId));
    return acceptedSecrets(stored, this.clock.now());
  }

  private name(sourceId: string): string {
    return this.prefix + sourceId;
  }

  private async load(sourceId: string): Promise<StoredWebhookSecret> {
    const name = this.name(sourceId);
    const { SecretString } = await this.found(sourceId, () =>
      this.client.send(new GetSecretValueCommand({ SecretId: name })),
    );
    return parseStored(name, SecretString);
  }

  private async found<T>(sourceId: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof ResourceNotFoundException)
        throw new NotFoundError('lead source', sourceId, { cause: error });
      throw error;
    }
  }
}

/** A value not in the expected shape is a fault of whoever wrote it, not of the request: it throws. */
function parseStored(name: string, text: string | undefined): StoredWebhookSecret {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch (error) {
    throw new Error(`secret ${name} does not hold JSON`, { cause: error });
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const { current, previous, rotatedAt } = record;
  if (typeof current !== 'string' || !isOptionalText(previous) || !isOptionalText(rotatedAt))
    throw new Error(`secret ${name} is not { current, previous?, rotatedAt? } with text values`);
  return {
    current,
    ...(previous === undefined ? {} : { previous }),
    ...(rotatedAt === undefined ? {} : { rotatedAt }),
  };
}

const isOptionalText = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string';
