import type { RouteContract, RouteResult, SuccessResponse } from './route';

/** Every successful answer an operation's contract names. */
export const successResponsesOf = (contract: RouteContract): readonly SuccessResponse[] => [
  contract.success,
  ...(contract.otherSuccesses ?? []),
];

/** An answer its contract does not describe: our bug, logged and answered as a 500, never sent. */
export class ResponseContractError extends Error {
  constructor(contract: RouteContract, status: number, reason: string) {
    super(`${contract.operationId} answered ${status}: ${reason}`);
    this.name = 'ResponseContractError';
  }
}

/** What is sent: the status, and the body with its content type (none for 204). */
export interface ShapedResponse {
  readonly status: number;
  readonly content?: { readonly type: string; readonly body: string };
}

/**
 * The implementation's result as its contract describes it. A JSON body is
 * parsed with the schema of its status, so fields the schema does not name
 * (the tenant, a stored item's internal keys) are dropped in this one place,
 * and a body the schema refuses, or a status the contract does not name, is
 * not sent at all.
 */
export function shapeResponse(contract: RouteContract, result: RouteResult): ShapedResponse {
  const status = result.status ?? contract.success.status;
  const response = successResponsesOf(contract).find((r) => r.status === status);
  if (!response) throw new ResponseContractError(contract, status, 'a status its contract does not name');
  if (status === 204) return { status };
  if (response.contentType) {
    if (typeof result.body !== 'string') {
      throw new ResponseContractError(contract, status, `the ${response.contentType} body is not text`);
    }
    return { status, content: { type: response.contentType, body: result.body } };
  }
  if (!response.schema) throw new ResponseContractError(contract, status, 'the contract names no body');
  const parsed = response.schema.safeParse(result.body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new ResponseContractError(
      contract,
      status,
      `the body does not fit its schema (${issues.join('; ')})`,
    );
  }
  return { status, content: { type: 'application/json', body: JSON.stringify(parsed.data) } };
}
