import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles } from '#domain/users/roles';
import { claimNames } from '#http/auth';

/** `custom:tenantId` in the token is the custom attribute `tenantId` of the pool. */
const tenantAttribute = claimNames.tenantId.replace(/^custom:/, '');
/** `custom:tenantCountry`: the tenant's country, set with the tenant at creation (ADR 0026). */
const countryAttribute = claimNames.tenantCountry.replace(/^custom:/, '');

/**
 * Who may call the API: a Cognito user pool without self sign-up (an admin
 * creates users with their immutable tenant), one group per role, and a
 * public app client (SRP + refresh tokens) whose ID token the API accepts.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${Stack.of(this).stackName}-users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [tenantAttribute]: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        // Mutable so an operator can set it on users created before it existed; never by the user.
        [countryAttribute]: new cognito.StringAttribute({ minLen: 2, maxLen: 2, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP only) by product decision; threat protection (Plus tier, full function) adds adaptive challenges for risky sign-ins',
    });

    for (const role of roles) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: `Gridline role ${role}` });
    }

    const profile = { fullname: true, givenName: true, familyName: true };
    this.client = this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ ...profile, email: true, emailVerified: true })
        .withCustomAttributes(tenantAttribute, countryAttribute),
      // The tenant and its country are never writable by the user; e-mail must be, as Cognito refuses a client that
      // cannot write a required attribute.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ ...profile, email: true }),
    });
  }

  /** The `iss` of the pool's tokens: `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  get issuer(): string {
    const stack = Stack.of(this);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
