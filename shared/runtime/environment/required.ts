/** An environment variable the stack sets; its absence is a deployment fault. */
export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
