// one small interface over PGlite and PostgreSQL, so every query is written once in plain SQL

/** a row as the driver returns it: bigint and numeric columns come back as numbers on both backends */
export type Row = Record<string, unknown>;

/** what both a connection and a transaction can do */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** run `fn` in one transaction: committed when it resolves, rolled back when it throws */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** run several statements at once (migrations) */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** a unique-constraint violation (SQLSTATE 23505), the same code from both drivers */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

/** a serialization failure or deadlock, worth retrying the whole transaction */
export function isRetryable(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "40001" || code === "40P01";
}
