import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import type { TenantProfile } from '#domain/tenant';
import type { Role } from '#domain/users/roles';
import { claimNames } from '#http/auth';

/** Stands in for the Cognito user pool: the same claims, the same checks. */
export const localIssuer = 'https://cognito-idp.local.gridline/local-pool';
export const localAudience = 'gridline-local-client';

export interface LocalUser {
  readonly sub: string;
  readonly tenantId: string;
  readonly email: string;
  readonly groups: readonly Role[];
  /** `custom:tenantCountry`, as Cognito has it for a user created with it. */
  readonly tenantCountry?: TenantProfile['country'];
}

type Key = Awaited<ReturnType<typeof importJWK>>;

type Claims = Record<string, string | number | boolean>;

/**
 * Tokens kept once verified. A token's signature, issuer and audience never
 * change, so only its expiry needs checking again; verifying costs a trip
 * through the crypto thread pool on every request, which on a busy local
 * runtime waits behind the consumers sharing the event loop.
 */
const maxVerifiedTokens = 1000;

export class LocalIdentityProvider {
  private readonly verified = new Map<string, { readonly claims: Claims; readonly expiresAtMs: number }>();

  private constructor(
    private readonly privateKey: Key,
    private readonly publicKey: Key,
  ) {}

  /** The key pair is kept in `.local/` so tokens survive a restart. */
  static async open(stateDir: string): Promise<LocalIdentityProvider> {
    const file = path.join(stateDir, 'signing-key.json');
    let jwk: { private: JWK; public: JWK };
    if (existsSync(file)) {
      jwk = JSON.parse(readFileSync(file, 'utf8'));
    } else {
      const pair = await generateKeyPair('RS256', { extractable: true });
      jwk = { private: await exportJWK(pair.privateKey), public: await exportJWK(pair.publicKey) };
      mkdirSync(stateDir, { recursive: true });
      writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
    }
    return new LocalIdentityProvider(
      await importJWK(jwk.private, 'RS256'),
      await importJWK(jwk.public, 'RS256'),
    );
  }

  /** An ID token shaped like Cognito's. */
  mint(user: LocalUser, lifetimeSeconds = 12 * 3600): Promise<string> {
    return new SignJWT({
      [claimNames.tenantId]: user.tenantId,
      ...(user.tenantCountry ? { [claimNames.tenantCountry]: user.tenantCountry } : {}),
      [claimNames.groups]: [...user.groups],
      email: user.email,
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'local' })
      .setSubject(user.sub)
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setIssuedAt()
      .setExpirationTime(`${lifetimeSeconds}s`)
      .sign(this.privateKey);
  }

  /**
   * What API Gateway's JWT authorizer does: verify signature, issuer,
   * audience and expiry, then hand the claims over flattened (arrays become
   * `[a b]` strings). Undefined means 401.
   */
  async authorize(authorization: string | undefined): Promise<Claims | undefined> {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return { ...known.claims };
    this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: localIssuer,
        audience: localAudience,
      });
      const claims: Claims = {};
      for (const [name, value] of Object.entries(payload)) {
        claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : (value as string | number | boolean);
      }
      if (payload.exp !== undefined) this.keep(token, claims, payload.exp * 1000);
      return { ...claims };
    } catch {
      return undefined;
    }
  }

  private keep(token: string, claims: Claims, expiresAtMs: number): void {
    if (this.verified.size >= maxVerifiedTokens) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { claims, expiresAtMs });
  }
}
