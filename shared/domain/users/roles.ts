/** The roles a user may hold in a tenant, in their canonical order. */
export const roles = ['admin', 'sales', 'service', 'technician', 'marketing', 'viewer'] as const;
export type Role = (typeof roles)[number];
