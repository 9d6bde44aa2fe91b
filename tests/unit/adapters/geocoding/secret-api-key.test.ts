import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { secretApiKey } from '#adapters/geocoding/secret-api-key';
import { GeocoderConfigurationError } from '#domain/geocoding/errors';

// No local Secrets Manager exists, so this is the one place a mocked AWS client stands in.
function secrets() {
  const client = new SecretsManagerClient({ region: 'eu-north-1' });
  return { client, mock: mockClient(client) };
}

describe('secretApiKey', () => {
  it('reads a raw key once and reuses it', async () => {
    // Prepare
    const { client, mock } = secrets();
    mock.on(GetSecretValueCommand, { SecretId: 'gridline/mapy-cz' }).resolves({ SecretString: 'raw-key\n' });
    const apiKey = secretApiKey('gridline/mapy-cz', client);

    // Act
    const first = await apiKey();
    const second = await apiKey();

    // Assess
    expect([first, second]).toEqual(['raw-key', 'raw-key']);
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('reads the apiKey field of a JSON secret, and concurrent first uses share one read', async () => {
    // Prepare
    const { client, mock } = secrets();
    mock
      .on(GetSecretValueCommand)
      .resolves({ SecretString: '{"apiKey":"json-key","note":"rotated monthly"}' });
    const apiKey = secretApiKey('gridline/mapy-cz', client);

    // Act
    const keys = await Promise.all([apiKey(), apiKey()]);

    // Assess
    expect(keys).toEqual(['json-key', 'json-key']);
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('reads the secret again after 15 minutes', async () => {
    // Prepare
    const { client, mock } = secrets();
    mock
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: 'old-key' })
      .resolvesOnce({ SecretString: 'new-key' });
    let clock = 0;
    const apiKey = secretApiKey('gridline/mapy-cz', client, { now: () => clock });

    // Act
    const first = await apiKey();
    clock = 15 * 60 * 1000 - 1;
    const cached = await apiKey();
    clock = 15 * 60 * 1000;
    const refreshed = await apiKey();

    // Assess
    expect([first, cached, refreshed]).toEqual(['old-key', 'old-key', 'new-key']);
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('does not keep a failed read', async () => {
    // Prepare
    const { client, mock } = secrets();
    mock
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('ThrottlingException'))
      .resolvesOnce({ SecretString: 'raw-key' });
    const apiKey = secretApiKey('gridline/mapy-cz', client);

    // Act
    const failure = await apiKey().catch((error: unknown) => error);
    const key = await apiKey();

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect(key).toBe('raw-key');
  });

  it('refuses a secret without a usable key', async () => {
    // Prepare
    const { client, mock } = secrets();
    mock
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretBinary: new Uint8Array([1, 2]) })
      .resolvesOnce({ SecretString: '{"key":"wrong-field"}' })
      .resolvesOnce({ SecretString: '{not json' });

    // Act
    const failures = [];
    for (let i = 0; i < 3; i++)
      failures.push(await secretApiKey('gridline/mapy-cz', client)().catch((error: unknown) => error));

    // Assess
    for (const failure of failures) expect(failure).toBeInstanceOf(GeocoderConfigurationError);
  });
});
