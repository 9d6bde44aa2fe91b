import { signingCallbackApi } from '#api/contracts/signing-callback-bindings';
import { contractSigning } from '#runtime/contracts-services';
import { contractsEnvironment } from '#runtime/environment/contracts';
import { httpFunction } from '#runtime/http-function';

/** Signi's callbacks: public, routed by each contract's token, settled on Signi's own answer. */
export const handler = httpFunction('signing-callback', () =>
  signingCallbackApi({ signing: contractSigning(contractsEnvironment()) }),
);
