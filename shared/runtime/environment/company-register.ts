import { BolagsverketRegister } from '#adapters/registers/bolagsverket-register';
import { CountryRegisters } from '#adapters/registers/country-registers';
import { RpoRegister } from '#adapters/registers/rpo-register';
import { secretClientCredentials } from '#adapters/registers/secret-client-credentials';
import type { CompanyRegister } from '#domain/registers/company-register';
import { required } from './required';

let built: CompanyRegister | undefined;

/**
 * The Slovak RPO and Bolagsverket, the latter's OAuth client from Secrets
 * Manager (`BOLAGSVERKET_CLIENT_SECRET_ID`, the `bolagsverket-client` secret
 * of the topology). `RPO_API_URL`, `BOLAGSVERKET_API_URL` and
 * `BOLAGSVERKET_TOKEN_URL` point them elsewhere: the local runtime sets them
 * to its stand-in, which serves recorded answers.
 *
 * Five seconds per attempt and two more attempts after short waits (a
 * Retry-After of at most 10 s is waited out): a lookup with its token takes
 * well under the function's timeout; a longer wait is the queue's.
 */
export function environmentCompanyRegister(): CompanyRegister {
  built ??= new CountryRegisters({
    SK: new RpoRegister({ baseUrl: process.env.RPO_API_URL || undefined }),
    SE: new BolagsverketRegister({
      credentials: secretClientCredentials(required('BOLAGSVERKET_CLIENT_SECRET_ID')),
      baseUrl: process.env.BOLAGSVERKET_API_URL || undefined,
      tokenUrl: process.env.BOLAGSVERKET_TOKEN_URL || undefined,
    }),
  });
  return built;
}
