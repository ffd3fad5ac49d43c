// reads the Markdown tables a stand-alone benchmark prints (bench/collector.ts) back into rows of the one table
import type { Row } from "./table.js";

type Parsed = { section: string; header: string[]; cells: string[][] };

function parseTables(text: string): Parsed[] {
  const out: Parsed[] = [];
  let section = "";
  let current: Parsed | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("## ")) {
      section = line.slice(3).trim();
      current = null;
      continue;
    }
    if (!line.startsWith("|")) {
      current = null;
      continue;
    }
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (!current) {
      current = { section, header: cells, cells: [] };
      out.push(current);
    } else current.cells.push(cells);
  }
  return out;
}

/**
 * Every numeric column of every table as rows, the first row of each table being its baseline
 * (that is how bench/collector.ts lays them out). Columns that are already ratios ("vs …") are left out.
 * @example rowsFromMarkdown(stdout, "Collector")
 */
export function rowsFromMarkdown(text: string, benchmark: string): Row[] {
  const rows: Row[] = [];
  for (const table of parseTables(text)) {
    const [backend, what = ""] = table.section.split(/:\s*/, 2);
    table.header.forEach((column, c) => {
      if (c === 0 || /^vs\b/i.test(column)) return;
      const unit = /ms\b/.test(column) ? "ms" : /\/s\b/.test(column) ? "/s" : "";
      const value = (cells: string[]) => Number((cells[c] ?? "").replace(/[^0-9.eE+-]/g, ""));
      const base = table.cells[0];
      if (!base || !Number.isFinite(value(base))) return;
      for (const cells of table.cells) {
        rows.push({
          benchmark: `${benchmark}, ${backend}`,
          figure: `${what.replace(/\s*\(.*\)$/, "")}: ${column}`,
          subject: cells[0]!,
          value: value(cells),
          unit,
          baseline: base[0]!,
          baselineValue: value(base),
          ratio: value(cells) / value(base),
          better: unit === "ms" ? "lower" : "higher",
        });
      }
    });
  }
  return rows;
}
