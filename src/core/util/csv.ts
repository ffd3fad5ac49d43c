// CSV for people who open it in a spreadsheet, the collector's exports and the dashboard's downloads alike: UTF-8 with
// a BOM (Excel reads Vietnamese right), CRLF rows (RFC 4180), and cells a spreadsheet would run as a formula neutralised
// (OWASP "CSV injection"). No DOM and no node: the browser's dashboard imports it as the collector does

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
export const UTF8_BOM = "\uFEFF";

/**
 * One cell as CSV text: a leading `= + - @`, tab or carriage return gets a `'` in front so no spreadsheet
 * evaluates it; quotes, commas and line breaks are quoted. Numbers stay numbers (a negative number is data).
 * @example csvCell('=HYPERLINK("http://x")') // `"'=HYPERLINK(""http://x"")"`
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A whole CSV document from a header row and data rows.
 * @example toCsv(["day", "plays"], [["2027-01-20", 31]]) // "\uFEFFday,plays\r\n2027-01-20,31\r\n"
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: { bom?: boolean } = {}): string {
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return `${options.bom === false ? "" : UTF8_BOM}${lines.join("\r\n")}\r\n`;
}
