import type { UserLookup } from './user-lookup';
import type { UserService } from './user-service';

/** What the users module offers. */
export interface UsersServices {
  readonly users: UserService;
  /** For other modules: is this an active user of the tenant? */
  readonly lookup: UserLookup;
}
