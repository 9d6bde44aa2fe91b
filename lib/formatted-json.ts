/** Width of a line of the project's formatter. */
const lineWidth = 110;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * JSON as the project's formatter writes it: objects one field a line, a
 * list of plain values on one line when it fits. Generated files written
 * this way pass the formatter's check unchanged.
 */
export function formattedJson(value: unknown, indent = '', prefix = '', suffix = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}${prefix}[]${suffix}`;
    const plain = value.every((item) => item === null || typeof item !== 'object');
    const oneLine = `${indent}${prefix}[${value.map((item) => JSON.stringify(item)).join(', ')}]${suffix}`;
    if (plain && oneLine.length <= lineWidth) return oneLine;
    const items = value.map((item, i) => formattedJson(item, inner, '', i < value.length - 1 ? ',' : ''));
    return [`${indent}${prefix}[`, ...items, `${indent}]${suffix}`].join('\n');
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return `${indent}${prefix}{}${suffix}`;
    const fields = entries.map(([key, item], i) =>
      formattedJson(item, inner, `${JSON.stringify(key)}: `, i < entries.length - 1 ? ',' : ''),
    );
    return [`${indent}${prefix}{`, ...fields, `${indent}}${suffix}`].join('\n');
  }
  return `${indent}${prefix}${JSON.stringify(value)}${suffix}`;
}
