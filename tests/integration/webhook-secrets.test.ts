import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsManagerWebhookSecrets } from '#adapters/secrets/secrets-manager-webhook-secrets';
import { ConflictError, NotFoundError } from '#domain/errors';
import { signWebhook, verifyWebhook } from '#domain/sales/leads/webhook-signature';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../lib/local/dynamodb-local';
import type { LocalService } from '../../lib/local/processes';
import { startLocalSecretsManager } from '../../lib/local/secrets-manager';

let local: LocalService;
let client: SecretsManagerClient;
let sources = 0;
/** Each test its own source, so tests share the endpoint without meeting. */
const newSourceId = () => `01KAQ3X1A2B3C4D5E6F7G8H9${String(sources++).padStart(2, '0')}`;

beforeAll(async () => {
  local = await startLocalSecretsManager();
  client = new SecretsManagerClient({
    endpoint: local.endpoint,
    region: LOCAL_DYNAMODB_REGION,
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });
});

afterAll(async () => {
  client.destroy();
  await local.stop();
});

function adapter(start = new Date('2026-11-20T09:00:00Z')) {
  const clock = { time: start, now: () => clock.time };
  const advance = (ms: number) => {
    clock.time = new Date(clock.time.getTime() + ms);
  };
  return { secrets: new SecretsManagerWebhookSecrets(client, { clock }), advance };
}

const rawValue = async (sourceId: string) =>
  JSON.parse(
    (await client.send(new GetSecretValueCommand({ SecretId: `gridline/lead-sources/${sourceId}` })))
      .SecretString as string,
  );

describe('SecretsManagerWebhookSecrets', () => {
  it('creates a secret named after the source, tagged with the tenant, that a delivery verifies with', async () => {
    // Prepare
    const { secrets } = adapter();
    const sourceId = newSourceId();

    // Act
    const secret = await secrets.create('norrsken', sourceId);
    const accepted = await secrets.read(sourceId);

    // Assess
    expect(secret).toMatch(/^whsec_/);
    expect(accepted).toEqual([secret]);
    expect(await rawValue(sourceId)).toEqual({ current: secret });
    const described = await client.send(
      new DescribeSecretCommand({ SecretId: `gridline/lead-sources/${sourceId}` }),
    );
    expect(described.Tags).toEqual([{ Key: 'tenantId', Value: 'norrsken' }]);
    const now = new Date();
    const verified = verifyWebhook({
      secrets: accepted,
      headers: {
        'webhook-id': 'msg_1',
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signWebhook(secret, 'msg_1', now, '{}'),
      },
      rawBody: '{}',
      now,
      toleranceSeconds: 300,
    });
    expect(verified.ok).toBe(true);
  });

  it('refuses a second secret for the same source with 409', async () => {
    // Prepare
    const { secrets } = adapter();
    const sourceId = newSourceId();
    await secrets.create('norrsken', sourceId);

    // Act
    const second = secrets.create('norrsken', sourceId);

    // Assess
    await expect(second).rejects.toThrow(ConflictError);
  });

  it('accepts the replaced secret for 24 hours after a rotation, and then only the new one', async () => {
    // Prepare
    const { secrets, advance } = adapter();
    const sourceId = newSourceId();
    const first = await secrets.create('norrsken', sourceId);
    await secrets.read(sourceId);

    // Act
    const second = await secrets.rotate('norrsken', sourceId);
    const rightAfter = await secrets.read(sourceId);
    advance(24 * 60 * 60 * 1000 - 1);
    const lastMoment = await secrets.read(sourceId);
    advance(1);
    const dayLater = await secrets.read(sourceId);

    // Assess
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    expect(rightAfter).toEqual([second, first]);
    expect(lastMoment).toEqual([second, first]);
    expect(dayLater).toEqual([second]);
    expect(await rawValue(sourceId)).toEqual({
      current: second,
      previous: first,
      rotatedAt: '2026-11-20T09:00:00.000Z',
    });
  });

  it('keeps only the secret just replaced when a source is rotated twice', async () => {
    // Prepare
    const { secrets, advance } = adapter();
    const sourceId = newSourceId();
    await secrets.create('norrsken', sourceId);

    // Act
    const second = await secrets.rotate('norrsken', sourceId);
    advance(60 * 60 * 1000);
    const third = await secrets.rotate('norrsken', sourceId);

    // Assess
    expect(await secrets.read(sourceId)).toEqual([third, second]);
  });

  it('answers 404 for another tenant’s source and for one without a secret, and changes nothing', async () => {
    // Prepare
    const { secrets } = adapter();
    const sourceId = newSourceId();
    const secret = await secrets.create('norrsken', sourceId);

    // Act
    const foreign = secrets.rotate('solvik', sourceId);
    const unknownRotation = secrets.rotate('norrsken', newSourceId());
    const unknownRead = secrets.read(newSourceId());

    // Assess
    await Promise.all([
      expect(foreign).rejects.toThrow(NotFoundError),
      expect(unknownRotation).rejects.toThrow(NotFoundError),
      expect(unknownRead).rejects.toThrow(NotFoundError),
    ]);
    expect(await rawValue(sourceId)).toEqual({ current: secret });
  });

  it('reuses a read for a minute, so a rotation by another function is seen within it', async () => {
    // Prepare
    const { secrets: webhook, advance } = adapter();
    const { secrets: admin } = adapter();
    const sourceId = newSourceId();
    const first = await admin.create('norrsken', sourceId);
    await webhook.read(sourceId);

    // Act
    const second = await admin.rotate('norrsken', sourceId);
    const cached = await webhook.read(sourceId);
    advance(60_000);
    const reread = await webhook.read(sourceId);

    // Assess
    expect(cached).toEqual([first]);
    expect(reread).toEqual([second, first]);
  });

  it('throws on a stored value that is not its JSON, rather than refusing deliveries', async () => {
    // Prepare
    const { secrets } = adapter();
    const [notJson, wrongShape] = [newSourceId(), newSourceId()];
    await client.send(
      new CreateSecretCommand({ Name: `gridline/lead-sources/${notJson}`, SecretString: 'whsec_abc' }),
    );
    await client.send(
      new CreateSecretCommand({
        Name: `gridline/lead-sources/${wrongShape}`,
        SecretString: '{"current":["whsec_abc"]}',
      }),
    );

    // Act
    const reads = [secrets.read(notJson), secrets.read(wrongShape)];

    // Assess
    await expect(reads[0]).rejects.toThrow(`secret gridline/lead-sources/${notJson} does not hold JSON`);
    await expect(reads[1]).rejects.toThrow('is not { current, previous?, rotatedAt? } with text values');
  });
});

describe('the local Secrets Manager', () => {
  const name = () => `tests/${newSourceId()}`;

  it('answers an unknown secret with the ResourceNotFoundException the SDK maps', async () => {
    // Act
    const error = await client
      .send(new GetSecretValueCommand({ SecretId: 'tests/nothing-here' }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(400);
  });

  it('answers a second secret of one name with ResourceExistsException', async () => {
    // Prepare
    const secretName = name();
    await client.send(new CreateSecretCommand({ Name: secretName, SecretString: 'one' }));

    // Act
    const second = client.send(new CreateSecretCommand({ Name: secretName, SecretString: 'two' }));

    // Assess
    await expect(second).rejects.toBeInstanceOf(ResourceExistsException);
  });

  it('moves AWSCURRENT to a new value and keeps the replaced one as AWSPREVIOUS, found by name or ARN', async () => {
    // Prepare
    const secretName = name();
    const { ARN } = await client.send(new CreateSecretCommand({ Name: secretName, SecretString: 'one' }));

    // Act
    const put = await client.send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'two' }));
    const current = await client.send(new GetSecretValueCommand({ SecretId: secretName }));
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: secretName, VersionStage: 'AWSPREVIOUS' }),
    );
    const described = await client.send(new DescribeSecretCommand({ SecretId: secretName }));

    // Assess
    expect(ARN).toMatch(
      new RegExp(`^arn:aws:secretsmanager:local:000000000000:secret:${secretName}-\\w{6}$`),
    );
    expect(put.VersionStages).toEqual(['AWSCURRENT']);
    expect(current).toMatchObject({ SecretString: 'two', VersionId: put.VersionId, ARN });
    expect(current.CreatedDate).toBeInstanceOf(Date);
    expect(previous).toMatchObject({ SecretString: 'one', VersionStages: ['AWSPREVIOUS'] });
    expect(Object.values(described.VersionIdsToStages ?? {})).toEqual([['AWSPREVIOUS'], ['AWSCURRENT']]);
  });

  it('takes a repeated request token with the same value as a retry, and with another value refuses it', async () => {
    // Prepare
    const secretName = name();
    await client.send(new CreateSecretCommand({ Name: secretName, SecretString: 'one' }));
    const token = '7f1c3f0e-2a51-4a0b-9d3e-1c0a6a2f8b11';
    await client.send(
      new PutSecretValueCommand({ SecretId: secretName, SecretString: 'two', ClientRequestToken: token }),
    );

    // Act
    const retry = await client.send(
      new PutSecretValueCommand({ SecretId: secretName, SecretString: 'two', ClientRequestToken: token }),
    );
    const conflicting = client.send(
      new PutSecretValueCommand({ SecretId: secretName, SecretString: 'three', ClientRequestToken: token }),
    );

    // Assess
    expect(retry.VersionId).toBe(token);
    await expect(conflicting).rejects.toBeInstanceOf(ResourceExistsException);
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: secretName, VersionStage: 'AWSPREVIOUS' }),
    );
    expect(previous.SecretString).toBe('one');
  });

  it('refuses an operation it does not emulate, and a request without a required field', async () => {
    // Act
    const unknown = await fetch(local.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.DeleteSecret',
      },
      body: '{"SecretId":"tests/x"}',
    });
    const missing = client.send(new DescribeSecretCommand({ SecretId: undefined }));

    // Assess
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    await expect(missing).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(missing).rejects.toBeInstanceOf(SecretsManagerServiceException);
  });
});
