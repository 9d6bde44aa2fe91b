import { DomainError, type DomainErrorCode } from '#domain/errors';

/**
 * What a failed send means for the message:
 * - `refused`: the provider answered and will not send it (unverified sender,
 *   rejected content or recipient, suspended account); repeating cannot help.
 * - `unavailable`: the provider answered but did not take it (throttled,
 *   its own fault); it was not sent, and a later attempt may succeed.
 * - `unknown`: no answer (network, timeout); it may have been sent.
 */
export type DeliveryFailure = 'refused' | 'unavailable' | 'unknown';

const codes: Record<DeliveryFailure, DomainErrorCode> = {
  refused: 'delivery-refused',
  unavailable: 'delivery-unavailable',
  unknown: 'delivery-outcome-unknown',
};

export class DeliveryError extends DomainError {
  constructor(
    readonly failure: DeliveryFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(codes[failure], message, [], options);
    this.name = 'DeliveryError';
  }

  /** True when the provider certainly did not take the message. */
  get notSent(): boolean {
    return this.failure !== 'unknown';
  }
}
