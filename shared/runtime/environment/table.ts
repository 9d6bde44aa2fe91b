import { type Table, tableFromEnvironment } from '#table/core/table';

/** The table named by `TABLE_NAME`, once per container. */
export const environmentTable = (): Table => tableFromEnvironment();
