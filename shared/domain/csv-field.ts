/** What a spreadsheet would run as a formula: `=` or `@` first, or `+`/`-` before anything but a number or phone. */
const formulaLike = (value: string) =>
  /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-][\d\s.,()]*$/.test(value));

/**
 * One CSV field (RFC 4180): quoted when it holds the separator, a quote or a
 * line break; text a spreadsheet would run as a formula gets a leading
 * apostrophe. A signed number or a phone (`-3`, `+421 900 123 456`) is data
 * a machine reads, and stays as it is.
 */
export function csvField(value: string, separator = ','): string {
  const safe = formulaLike(value) ? `'${value}` : value;
  const quoted = safe.includes(separator) || /["\r\n]/.test(safe);
  return quoted ? `"${safe.replaceAll('"', '""')}"` : safe;
}
