import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError } from '#domain/errors';
import type { TenantProfile } from '#domain/tenant';
import { type Role, roles } from '#domain/users/roles';
import { emailTaken, type SignInAccount } from '#domain/users/user';
import type { DirectoryUser, UserDirectory } from '#domain/users/user-directory';
import { claimNames } from '#http/auth';
import { HttpError } from '#http/http-error';

const roleGroups = new Set<string>(roles);

const attribute = (attributes: readonly AttributeType[] | undefined, name: string) =>
  attributes?.find((a) => a.Name === name)?.Value;

const nameOf = (error: unknown) => (error instanceof Error ? error.name : undefined);

/** Cognito's answers that are the caller's to hear, as the problems the API gives. */
function explained(error: unknown, user?: DirectoryUser): unknown {
  switch (nameOf(error)) {
    case 'TooManyRequestsException':
      return new HttpError(
        'identity-provider-busy',
        'The user pool is throttling changes; retry in a few seconds.',
      );
    case 'UserNotFoundException':
      return new ConflictError(
        'sign-in-account-missing',
        `the sign-in account of ${user ? `user ${user.id}` : 'this user'} no longer exists in the user pool`,
      );
    default:
      return error;
  }
}

/**
 * The Cognito user pool as the user directory. The pool signs users in by
 * e-mail (the e-mail is the `Username` given at creation; Cognito makes the
 * username a UUID equal to `sub`), keeps the tenant in the immutable
 * `custom:tenantId` attribute and its country in `custom:tenantCountry`,
 * and has one group per role.
 */
export class CognitoUserDirectory implements UserDirectory {
  constructor(
    private readonly userPoolId: string,
    private readonly client = new CognitoIdentityProviderClient({}),
  ) {}

  async createUser(
    tenant: Pick<TenantProfile, 'id' | 'country'>,
    user: { email: string; roles: readonly Role[] },
  ): Promise<SignInAccount> {
    const tenantId = tenant.id;
    let account: SignInAccount;
    try {
      const { User } = await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: user.email,
          UserAttributes: [
            { Name: 'email', Value: user.email },
            // An admin enters the address; the invitation (with the temporary password) goes to it.
            { Name: 'email_verified', Value: 'true' },
            { Name: claimNames.tenantId, Value: tenantId },
            { Name: claimNames.tenantCountry, Value: tenant.country },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      account = this.accountOf(User?.Username, User?.Attributes);
    } catch (error) {
      if (nameOf(error) !== 'UsernameExistsException') throw explained(error);
      account = await this.takeOver(tenantId, user.email);
    }
    await this.setRoles({ tenantId, ...account }, user.roles);
    return account;
  }

  async setRoles(user: DirectoryUser, wanted: readonly Role[]): Promise<void> {
    try {
      const current = await this.roleGroupsOf(user.username);
      for (const role of wanted) {
        if (current.has(role)) continue;
        await this.client.send(
          new AdminAddUserToGroupCommand({
            UserPoolId: this.userPoolId,
            Username: user.username,
            GroupName: role,
          }),
        );
      }
      for (const role of current) {
        if (wanted.includes(role)) continue;
        await this.client.send(
          new AdminRemoveUserFromGroupCommand({
            UserPoolId: this.userPoolId,
            Username: user.username,
            GroupName: role,
          }),
        );
      }
    } catch (error) {
      throw explained(error, user);
    }
  }

  /**
   * Disables the account, then signs it out everywhere: its refresh tokens
   * are revoked, so no new ID token can be had. The ID tokens already out
   * are refused by the handler shell (TokenCutoffs), as the gateway's JWT
   * authorizer checks only their signature and expiry.
   */
  async deactivate(user: DirectoryUser): Promise<void> {
    try {
      await this.client.send(
        new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: user.username }),
      );
      await this.client.send(
        new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: user.username }),
      );
    } catch (error) {
      throw explained(error, user);
    }
  }

  async reactivate(user: DirectoryUser): Promise<void> {
    try {
      await this.client.send(
        new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: user.username }),
      );
    } catch (error) {
      throw explained(error, user);
    }
  }

  private accountOf(username: string | undefined, attributes: readonly AttributeType[] | undefined) {
    const sub = attribute(attributes, 'sub');
    if (!sub) throw new Error('the user pool answered without the user’s sub');
    return { id: sub, username: username ?? sub };
  }

  /**
   * The e-mail already has an account. Only one of this tenant can be left
   * from an earlier create that failed before its record was written (the
   * service has checked that no user of the tenant has the e-mail): that one
   * is taken over. Another tenant's is a conflict, worded the same so that
   * nothing is told about other tenants.
   */
  private async takeOver(tenantId: string, email: string): Promise<SignInAccount> {
    const found = await this.client
      .send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: email }))
      .catch((error: unknown) => {
        throw explained(error);
      });
    if (attribute(found.UserAttributes, claimNames.tenantId) !== tenantId) throw emailTaken(email);
    const account = this.accountOf(found.Username, found.UserAttributes);
    if (found.Enabled === false) {
      await this.client.send(
        new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: account.username }),
      );
    }
    return account;
  }

  private async roleGroupsOf(username: string): Promise<Set<Role>> {
    const groups = new Set<Role>();
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new AdminListGroupsForUserCommand({
          UserPoolId: this.userPoolId,
          Username: username,
          Limit: 60,
          NextToken: token,
        }),
      );
      for (const group of page.Groups ?? []) {
        if (group.GroupName && roleGroups.has(group.GroupName)) groups.add(group.GroupName as Role);
      }
      token = page.NextToken;
    } while (token);
    return groups;
  }
}
