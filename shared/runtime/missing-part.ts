/**
 * A part a function's wiring was not given (no access to it, or a library
 * the function does not carry): any call says so at once (a wiring fault),
 * instead of failing later on a missing permission or module.
 */
export function missingPart<T extends object>(part: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () => {
      throw new Error(`this function has no ${part} (${String(method)})`);
    },
  });
}
