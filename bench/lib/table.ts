// one results table: every figure next to its baseline from the same run, as a ratio
export type Row = {
  benchmark: string;
  figure: string;
  subject: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  /** value / baselineValue */
  ratio: number;
  better: "lower" | "higher";
};

function fmt(value: number, unit: string): string {
  if (!Number.isFinite(value)) return "n/a";
  if (unit === "B") return value >= 10_000 ? `${(value / 1024).toFixed(1)} KiB` : `${Math.round(value)} B`;
  if (unit === "ms") return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
  if (Math.abs(value) >= 1000) return `${Math.round(value).toLocaleString("en-US")} ${unit}`;
  return `${Number(value.toPrecision(3))} ${unit}`;
}

/** the table as Markdown, for the terminal and for docs/performance.md */
export function markdownTable(rows: Row[]): string {
  const lines = ["| Benchmark | Figure | Subject | Value | Baseline (same run) | × baseline |", "|---|---|---|--:|---|--:|"];
  for (const r of rows) {
    const ratio = Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : "n/a";
    const subject = r.subject === "minigame" || r.subject.startsWith("minigame") ? `**${r.subject}**` : r.subject;
    lines.push(
      `| ${r.benchmark} | ${r.figure} (${r.better} is better) | ${subject} | ${fmt(r.value, r.unit)} | ${r.baseline}: ${fmt(r.baselineValue, r.unit)} | ${ratio} |`,
    );
  }
  return lines.join("\n");
}

/** the wheel comparison at a glance: one line per subject, one column per figure, each "value (ratio)" */
export function summaryTable(rows: Row[], columns: { benchmark: string; figure: string; title: string }[]): string {
  const subjects = [...new Set(rows.filter((r) => columns.some((c) => c.benchmark === r.benchmark)).map((r) => r.subject))];
  const lines = [`| | ${columns.map((c) => c.title).join(" | ")} |`, `|---|${columns.map(() => "--:").join("|")}|`];
  for (const subject of subjects) {
    const cells = columns.map((c) => {
      const r = rows.find((x) => x.benchmark === c.benchmark && x.figure === c.figure && x.subject === subject);
      if (!r) return "—";
      return Number.isFinite(r.ratio) ? `${fmt(r.value, r.unit)} (${r.ratio.toFixed(2)}×)` : fmt(r.value, r.unit);
    });
    const name = subject.startsWith("minigame") ? `**${subject}**` : subject;
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
