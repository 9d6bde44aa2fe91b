import {
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  paginateListUsers,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { claimNames } from '#http/auth';
import { tenantEntity } from '#table/core/entities';
import type { Table } from '#table/core/table';

/** What a fill did; a second run reads the same users and sets none. */
export interface TenantCountryFillSummary {
  /** Users of the pool read. */
  readonly usersRead: number;
  /** Users whose `custom:tenantCountry` was missing or not their tenant's, now set. */
  readonly countriesSet: number;
  /** Users whose tenant has no profile in the table (or who carry no tenant): left as they are. */
  readonly usersWithoutTenant: number;
}

export interface TenantCountryFillOptions {
  /** Told after each page of users, with the totals so far. */
  readonly onProgress?: (sofar: TenantCountryFillSummary) => void;
}

const attribute = (user: UserType, name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;

/**
 * Gives every user of the pool its tenant's country as `custom:tenantCountry`
 * (ADR 0026), for the users created before the attribute existed and for a
 * tenant whose country an operator corrected. A user whose attribute already
 * names its tenant's country is not written, so running it again changes
 * nothing. The ID tokens already issued keep what they carry until they
 * expire (an hour); the next sign-in or refresh has the country.
 */
export async function fillTenantCountries(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  table: Table,
  options: TenantCountryFillOptions = {},
): Promise<TenantCountryFillSummary> {
  let usersRead = 0;
  let countriesSet = 0;
  let usersWithoutTenant = 0;
  // A pool holds a handful of tenants: each profile is read once, consistently and past the API's
  // cache, so a run right after a tenant's country was corrected sets the new one.
  const countries = new Map<string, Promise<string | undefined>>();
  const countryOf = (tenantId: string) => {
    let country = countries.get(tenantId);
    if (!country) {
      country = tenantEntity.get(table, { tenantId }, 'consistent').then((profile) => profile?.country);
      countries.set(tenantId, country);
    }
    return country;
  };
  const pages = paginateListUsers(
    { client: cognito },
    { UserPoolId: userPoolId, AttributesToGet: [claimNames.tenantId, claimNames.tenantCountry] },
  );
  for await (const page of pages) {
    for (const user of page.Users ?? []) {
      usersRead += 1;
      const tenantId = attribute(user, claimNames.tenantId);
      const country = tenantId ? await countryOf(tenantId) : undefined;
      if (!country) {
        usersWithoutTenant += 1;
        continue;
      }
      if (attribute(user, claimNames.tenantCountry) === country) continue;
      await cognito.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: user.Username,
          UserAttributes: [{ Name: claimNames.tenantCountry, Value: country }],
        }),
      );
      countriesSet += 1;
    }
    options.onProgress?.({ usersRead, countriesSet, usersWithoutTenant });
  }
  return { usersRead, countriesSet, usersWithoutTenant };
}
