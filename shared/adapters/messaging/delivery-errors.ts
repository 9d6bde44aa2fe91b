import { DeliveryError, type DeliveryFailure } from '#domain/messaging/delivery-error';

/** What an AWS SDK v3 service exception carries. */
interface ServiceFault {
  readonly name: string;
  readonly message: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: { readonly throttling?: boolean };
}

const throttlingNames = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'LimitExceededException',
  'ServiceQuotaExceededException',
  'SendingPausedException',
]);

function isServiceFault(error: unknown): error is ServiceFault {
  if (!(error instanceof Error)) return false;
  const fault = (error as ServiceFault).$fault;
  const status = (error as ServiceFault).$metadata?.httpStatusCode;
  return fault === 'client' || fault === 'server' || typeof status === 'number';
}

/**
 * What a failed AWS call means for the message. A service exception is the
 * provider's answer: throttling and its own faults did not take the message
 * (`unavailable`), any other client fault refuses it (`refused`). Anything
 * else (network error, timeout, abort) leaves the outcome `unknown`.
 * The SDK has already retried what it retries by itself.
 */
export function deliveryErrorOf(provider: string, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  let failure: DeliveryFailure = 'unknown';
  if (isServiceFault(error)) {
    const status = error.$metadata?.httpStatusCode;
    const throttled = throttlingNames.has(error.name) || status === 429 || error.$retryable?.throttling;
    failure = throttled || error.$fault === 'server' || (status ?? 0) >= 500 ? 'unavailable' : 'refused';
  }
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const meaning = {
    refused: `${provider} refused the message`,
    unavailable: `${provider} did not take the message; try again later`,
    unknown: `${provider} did not answer; the message may have been sent`,
  }[failure];
  return new DeliveryError(failure, `${meaning} (${reason})`, { cause: error });
}
