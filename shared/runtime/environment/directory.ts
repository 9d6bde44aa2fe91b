import { monotonicFactory } from 'ulid';
import { CognitoUserDirectory } from '#adapters/users/cognito-user-directory';
import { LocalUserDirectory } from '#adapters/users/local-user-directory';
import type { UserDirectory } from '#domain/users/user-directory';
import { required } from './required';

let built: UserDirectory | undefined;

function localDirectory(): UserDirectory {
  const ulid = monotonicFactory();
  return new LocalUserDirectory({ next: () => ulid() });
}

/**
 * The Cognito user pool named by `USER_POOL_ID`; the local directory (no
 * pool, new ids) when `USER_DIRECTORY=local`, as the local runtime sets it.
 */
export function environmentDirectory(): UserDirectory {
  built ??=
    process.env.USER_DIRECTORY === 'local'
      ? localDirectory()
      : new CognitoUserDirectory(required('USER_POOL_ID'));
  return built;
}
