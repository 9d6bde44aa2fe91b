/**
 * A part a function's wiring was not given (no access to it, or a library
 * the function does not carry): any call says so at once (a wiring fault),
 * instead of failing later on a missing permission or module.
 */
export function missingPart<T extends object>(part: string): T {
  return new Proxy({} as T, {
    // Not a thenable: wiring that resolves to a missing part (an async factory) must still resolve.
    get: (_target, method) =>
      method === 'then'
        ? undefined
        : () => {
            throw new Error(`this function has no ${part} (${String(method)})`);
          },
  });
}
