/** Attributes that belong to the table layout, not to the domain object. */
const layoutAttributes = new Set(['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'expiresAt']);

export function stripLayout<T>(item: Record<string, unknown>): T {
  const domain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!layoutAttributes.has(name)) domain[name] = value;
  return domain as T;
}
