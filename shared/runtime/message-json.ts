/** The JSON in a queue message's body, or undefined when the body is not JSON (JSON itself has no undefined). */
export function messageJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
