/**
 * Secrets Manager on 127.0.0.1, so the adapters use the real
 * SecretsManagerClient: the AWS JSON 1.1 protocol (`X-Amz-Target:
 * secretsmanager.<Operation>`) for CreateSecret, GetSecretValue,
 * PutSecretValue and DescribeSecret, with secrets in memory.
 *
 * Versions follow the service: the SDK's ClientRequestToken is the version
 * id, a repeated token with the same value is a no-op (the SDK's retries) and
 * with another value a ResourceExistsException; a new value takes the
 * AWSCURRENT stage and the value it replaces AWSPREVIOUS. Errors carry the
 * type the SDK maps to its exception classes. Requests are not
 * authenticated, and only string secrets are kept.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalService } from './processes';

interface Tag {
  readonly Key: string;
  readonly Value: string;
}

interface SecretVersion {
  readonly id: string;
  readonly value: string;
  readonly created: Date;
  stages: string[];
}

interface StoredSecret {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly tags: readonly Tag[];
  readonly created: Date;
  changed: Date;
  readonly versions: SecretVersion[];
}

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

type Input = Record<string, unknown>;

type Answer =
  | { readonly status: 200; readonly body: object }
  | { readonly status: 400; readonly body: { readonly __type: string; readonly message: string } };

/** The in-memory service behind the endpoint: one call is one operation. */
export class LocalSecretsManager {
  private readonly secrets = new Map<string, StoredSecret>();

  /** Answers one request: its status and JSON body. */
  call(target: string | undefined, body: string): Answer {
    const operation = target?.startsWith('secretsmanager.') ? target.slice('secretsmanager.'.length) : target;
    try {
      const input = parseInput(body);
      switch (operation) {
        case 'CreateSecret':
          return { status: 200, body: this.createSecret(input) };
        case 'GetSecretValue':
          return { status: 200, body: this.getSecretValue(input) };
        case 'PutSecretValue':
          return { status: 200, body: this.putSecretValue(input) };
        case 'DescribeSecret':
          return { status: 200, body: this.describeSecret(input) };
        default:
          throw new ServiceError('UnknownOperationException', `${target} is not emulated`);
      }
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return { status: 400, body: { __type: error.type, message: error.message } };
    }
  }

  private createSecret(input: Input): object {
    const name = text(input, 'Name');
    const value = optionalText(input, 'SecretString');
    const versionId = optionalText(input, 'ClientRequestToken') ?? randomUUID();
    const existing = this.secrets.get(name);
    if (existing) {
      const retried = existing.versions.find((v) => v.id === versionId && v.value === value);
      if (!retried)
        throw new ServiceError(
          'ResourceExistsException',
          `The operation failed because the secret ${name} already exists.`,
        );
      return { ARN: existing.arn, Name: name, VersionId: versionId };
    }
    const now = new Date();
    const secret: StoredSecret = {
      // The service adds six random characters to the name.
      arn: `arn:aws:secretsmanager:local:000000000000:secret:${name}-${randomBytes(3).toString('hex')}`,
      name,
      ...(typeof input.Description === 'string' ? { description: input.Description } : {}),
      tags: tags(input),
      created: now,
      changed: now,
      versions: [],
    };
    if (value !== undefined)
      secret.versions.push({ id: versionId, value, created: now, stages: ['AWSCURRENT'] });
    this.secrets.set(name, secret);
    return { ARN: secret.arn, Name: name, ...(value === undefined ? {} : { VersionId: versionId }) };
  }

  private getSecretValue(input: Input): object {
    const secret = this.find(input);
    const versionId = optionalText(input, 'VersionId');
    const stage = optionalText(input, 'VersionStage') ?? (versionId ? undefined : 'AWSCURRENT');
    const version = secret.versions.find(
      (v) =>
        (versionId === undefined || v.id === versionId) && (stage === undefined || v.stages.includes(stage)),
    );
    if (!version)
      throw new ServiceError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret value for the version or staging label.",
      );
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.id,
      SecretString: version.value,
      VersionStages: version.stages,
      CreatedDate: seconds(version.created),
    };
  }

  private putSecretValue(input: Input): object {
    const secret = this.find(input);
    const value = text(input, 'SecretString');
    const versionId = optionalText(input, 'ClientRequestToken') ?? randomUUID();
    const same = secret.versions.find((v) => v.id === versionId);
    if (same && same.value !== value)
      throw new ServiceError(
        'ResourceExistsException',
        `A version with VersionId ${versionId} already exists with another value.`,
      );
    if (!same) {
      for (const version of secret.versions) {
        version.stages = version.stages
          .filter((stage) => stage !== 'AWSPREVIOUS')
          .map((stage) => (stage === 'AWSCURRENT' ? 'AWSPREVIOUS' : stage));
      }
      const now = new Date();
      secret.versions.push({ id: versionId, value, created: now, stages: ['AWSCURRENT'] });
      secret.changed = now;
    }
    const version = secret.versions.find((v) => v.id === versionId) as SecretVersion;
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: version.stages };
  }

  private describeSecret(input: Input): object {
    const secret = this.find(input);
    return {
      ARN: secret.arn,
      Name: secret.name,
      ...(secret.description === undefined ? {} : { Description: secret.description }),
      Tags: secret.tags,
      CreatedDate: seconds(secret.created),
      LastChangedDate: seconds(secret.changed),
      VersionIdsToStages: Object.fromEntries(
        secret.versions.filter((v) => v.stages.length > 0).map((v) => [v.id, v.stages]),
      ),
    };
  }

  /** `SecretId` is the name or the ARN, as in the service. */
  private find(input: Input): StoredSecret {
    const id = text(input, 'SecretId');
    const secret = this.secrets.get(id) ?? [...this.secrets.values()].find((s) => s.arn === id);
    if (!secret)
      throw new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return secret;
  }
}

/** Starts the endpoint on 127.0.0.1 (a free port unless given); `endpoint` is what `AWS_ENDPOINT_URL_SECRETS_MANAGER` should be. */
export async function startLocalSecretsManager(options: { port?: number } = {}): Promise<LocalService> {
  const service = new LocalSecretsManager();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const answer = service.call(
        Array.isArray(target) ? target[0] : target,
        Buffer.concat(chunks).toString('utf8'),
      );
      res.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.1',
        ...(answer.status === 400 ? { 'x-amzn-errortype': answer.body.__type } : {}),
      });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function parseInput(body: string): Input {
  let input: unknown;
  try {
    input = JSON.parse(body || '{}');
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ServiceError('SerializationException', 'The request body is not a JSON object.');
  return input as Input;
}

function text(input: Input, name: string): string {
  const value = optionalText(input, name);
  if (value === undefined) throw new ServiceError('InvalidParameterException', `${name} is required.`);
  return value;
}

function optionalText(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ServiceError('InvalidParameterException', `${name} must be a non-empty string.`);
  return value;
}

function tags(input: Input): Tag[] {
  const list = input.Tags ?? [];
  if (!Array.isArray(list)) throw new ServiceError('InvalidParameterException', 'Tags must be a list.');
  return list.map((tag: { Key?: unknown; Value?: unknown }) => {
    if (typeof tag?.Key !== 'string' || typeof tag.Value !== 'string')
      throw new ServiceError('InvalidParameterException', 'Each tag needs a Key and a Value.');
    return { Key: tag.Key, Value: tag.Value };
  });
}

/** The protocol's timestamps are epoch seconds. */
const seconds = (date: Date) => date.getTime() / 1000;
