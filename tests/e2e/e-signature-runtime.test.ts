import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentESignature } from '#runtime/environment/e-signature';
import type { LocalRuntime } from '../../lib/local/runtime';
import { startTestRuntime } from '../support/runtime';
import { sampleSigningRequest } from '../support/signing-request';

describe('e-signature in the local runtime', () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(() => runtime.stop());

  it("reaches the local Signi with the key the adapter reads from the runtime's Secrets Manager", async () => {
    // Prepare
    const signing = environmentESignature();

    // Act
    const { externalId } = await signing.send(sampleSigningRequest(`${runtime.apiUrl}/v1/callback?token=t`));
    const status = await signing.status(externalId);

    // Assess
    expect(process.env.SIGNI_API_URL).toBe(runtime.signiUrl);
    expect(runtime.signi.contracts().map((contract) => String(contract.id))).toEqual([externalId]);
    expect(status).toEqual({ externalId, state: 'pending', providerState: 'pending' });
  });
});
