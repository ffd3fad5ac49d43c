export { openPglite } from "./pglite.js";
export { openPostgres } from "./postgres.js";
export { isUniqueViolation, isRetryable, type Database, type Queryable, type Row } from "./types.js";
