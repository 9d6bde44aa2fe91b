const isObject = (value: unknown): value is { readonly [key: string]: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Width of a line of the project's formatter. */
const lineWidth = 110;

/** A list of plain values and lists on one line, as the formatter writes it; `undefined` when it holds an object. */
function oneLineList(value: unknown): string | undefined {
  if (!Array.isArray(value)) return isObject(value) ? undefined : JSON.stringify(value);
  const items = value.map(oneLineList);
  return items.every((item) => item !== undefined) ? `[${items.join(', ')}]` : undefined;
}

/**
 * JSON as the project's formatter writes it: objects one field a line, a
 * list without objects on one line when it fits.
 */
export function formattedJson(value: unknown, indent = '', prefix = '', suffix = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}${prefix}[]${suffix}`;
    const list = oneLineList(value);
    const oneLine = `${indent}${prefix}${list}${suffix}`;
    if (list !== undefined && oneLine.length <= lineWidth) return oneLine;
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
