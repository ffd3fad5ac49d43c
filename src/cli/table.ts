// plain-text tables for the terminal: left-aligned text, right-aligned numbers

/** `rows[0]` is the header; cells that look numeric are right-aligned */
export function formatTable(rows: ReadonlyArray<ReadonlyArray<string>>, indent = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (NUMERIC.test(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
  );
}

const NUMERIC = /^[-+]?[\d,.]+%?$/;

/** 1234567 → "1,234,567" whatever the machine's locale, so output diffs stay stable */
export const formatCount = (n: number) =>
  Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** a fraction in [0, 1] as a percentage with one decimal */
export const formatRate = (r: number) => `${(r * 100).toFixed(1)}%`;
