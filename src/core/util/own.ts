/**
 * A record's own value for a key that came from outside (a source, a prize id), never one inherited from
 * Object.prototype such as `constructor` or `toString`.
 * @example ownValue({ a: 1 }, "constructor") // undefined
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
