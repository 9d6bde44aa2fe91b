import type { RouteContract } from '#http/route';

/**
 * Every error status an operation can answer: those its contract names (what
 * its domain refuses), and those the handler shell and the gateway answer for
 * any operation of its shape, so that no contract can leave one out.
 */
export function errorStatusesOf(route: RouteContract): number[] {
  const readsBody = route.body !== undefined && !route.signed;
  const readsInput =
    route.params !== undefined ||
    route.query !== undefined ||
    readsBody ||
    !!route.ifMatch ||
    !!route.idempotent;
  const implied = [
    ...(readsInput ? [400] : []),
    ...(route.permission === 'public' ? [] : [401, 403]),
    // A retry while the first request with the same Idempotency-Key still runs.
    ...(route.idempotent ? [409, 422] : []),
    ...(route.ifMatch ? [412] : []),
    ...(readsBody ? [415] : []),
    ...(route.ifMatch === 'required' ? [428] : []),
    // The gateway's, before any handler runs; and our own failure.
    431,
    500,
  ];
  return [...new Set([...route.errors, ...implied])].sort((a, b) => a - b);
}
