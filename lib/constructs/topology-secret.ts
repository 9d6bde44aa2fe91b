import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { type SecretDefinition, unsubscribeSigningKeySecret } from '../topology-types';

/** Why each generated secret is not rotated: cdk-nag's AwsSolutions-SMG4 asks, and each has its own answer. */
const notRotatedBecause: Readonly<Record<string, string>> = {
  [unsubscribeSigningKeySecret]:
    'It signs the unsubscribe links of newsletter mails: rotating it would invalidate every link already sent, and links expire after a year',
};

/**
 * A secret of the topology, `Secret-<name>` in the given scope. A generated
 * one gets a random value of 64 letters and digits from the stack; any other
 * is created empty for the operator to fill in.
 */
export function topologySecret(scope: Construct, definition: SecretDefinition): secretsmanager.Secret {
  const id = `Secret-${definition.name}`;
  if (definition.generated === true) {
    const reason = notRotatedBecause[definition.name];
    if (reason === undefined) {
      throw new Error(`the generated secret "${definition.name}" needs a reason why it is not rotated`);
    }
    const secret = new secretsmanager.Secret(scope, id, {
      description: definition.description,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason });
    return secret;
  }
  const secret = new secretsmanager.Secret(scope, id, {
    description: `${definition.description} (set its value after the first deploy)`,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'An outside provider’s API key: it is rotated in the provider’s console, which a rotation Lambda cannot do',
  });
  return secret;
}
