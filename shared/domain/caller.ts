import type { Actor } from './ports';
import type { Role } from './users/roles';

/** Who calls: always taken from the verified token, never from the request. */
export interface Caller extends Actor {
  readonly roles: readonly Role[];
}
