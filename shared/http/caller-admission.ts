import type { Caller } from '#domain/caller';

/** What the handler shell knows of an authenticated call besides the caller. */
export interface TokenFacts {
  /** The token's `iat`, in seconds since the epoch. */
  readonly issuedAt: number | undefined;
}

/**
 * Checks the shell makes on every authenticated call, after the gateway has
 * verified the token and before the route runs: what a signature cannot
 * tell (a token cut off by a deactivation, a tenant over its rate). Each
 * throws an HttpError or a DomainError to refuse the call.
 */
export type CallerAdmission = (caller: Caller, token: TokenFacts) => Promise<void>;
