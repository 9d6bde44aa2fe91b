/**
 * One CSV field (RFC 4180): quoted when it holds the separator, a quote or a line
 * break; text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`)
 * gets a leading apostrophe.
 */
export function csvField(value: string, separator = ','): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  const quoted = safe.includes(separator) || /["\r\n]/.test(safe);
  return quoted ? `"${safe.replaceAll('"', '""')}"` : safe;
}
