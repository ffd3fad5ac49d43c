// CSV files the dashboard makes from what it shows: the collector's export rules (src/collector/export/csv.ts),
// UTF-8 with a BOM for Excel, CRLF rows, and cells a spreadsheet would run as a formula neutralised
export type CsvCell = string | number | boolean | null | undefined;
export type Table = { header: readonly string[]; rows: ReadonlyArray<readonly CsvCell[]> };

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell as CSV text.
 * @example csvCell("=1+1") // "'=1+1"
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A whole CSV document.
 * @example toCsv({ header: ["day", "plays"], rows: [["2027-01-20", 31]] }) // "\uFEFFday,plays\r\n2027-01-20,31\r\n"
 */
export function toCsv(table: Table): string {
  const lines = [table.header.map(csvCell).join(","), ...table.rows.map((row) => row.map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** hand a file to the browser's downloads; a blob URL keeps the data out of any request log */
export function saveFile(name: string, body: Blob): void {
  const url = URL.createObjectURL(body);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
