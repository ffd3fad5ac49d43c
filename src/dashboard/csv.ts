// CSV files the dashboard makes from what it shows, by the collector's own export rules (core/util/csv.ts): UTF-8 with a
// BOM for Excel, CRLF rows, and cells a spreadsheet would run as a formula neutralised
import { toCsv as csvOf, type CsvCell } from "../core/util/csv.js";

export type { CsvCell };
export type Table = { header: readonly string[]; rows: ReadonlyArray<readonly CsvCell[]> };

/**
 * A whole CSV document from a table the page shows.
 * @example toCsv({ header: ["day", "plays"], rows: [["2027-01-20", 31]] }) // "\uFEFFday,plays\r\n2027-01-20,31\r\n"
 */
export function toCsv(table: Table): string {
  return csvOf(table.header, table.rows);
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
