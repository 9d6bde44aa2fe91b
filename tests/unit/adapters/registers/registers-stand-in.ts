import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type RegistersLocal, startRegistersLocal } from '../../../../lib/local/registers-local';

export const testClient = { clientId: 'adapter-test', clientSecret: 'adapter-test-secret' };

/** The local registers' stand-in over `events/registers/`, one per test file. */
export function registersStandIn(): { readonly url: () => string; readonly server: () => RegistersLocal } {
  let server: RegistersLocal | undefined;
  beforeAll(async () => {
    server = await startRegistersLocal({
      recordingsDir: path.resolve(import.meta.dirname, '../../../../events/registers'),
      bolagsverketClient: testClient,
    });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const running = () => {
    if (!server) throw new Error('the stand-in is not running');
    return server;
  };
  return { url: () => running().endpoint, server: running };
}
