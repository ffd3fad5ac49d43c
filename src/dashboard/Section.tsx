// a card with a title, an optional CSV export and a "not available" state for fields an older collector lacks
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { saveFile, toCsv, type Table } from "./csv.js";
import type { Strings } from "./i18n.js";

export type CsvSource =
  /** a table the page already holds */
  | { kind: "table"; name: string; table: () => Table }
  /** an admin export endpoint (the token rides on fetch, so a plain link cannot do) */
  | { kind: "server"; name: string; fetch: () => Promise<Blob> };

type SectionProps = {
  id: string;
  title: string;
  t: Strings;
  csv?: CsvSource | undefined;
  /** false renders the "not available" state instead of the children */
  available?: boolean;
  wide?: boolean;
  children?: ComponentChildren;
};

/** one dashboard section */
export function Section({ id, title, t, csv, available = true, wide, children }: SectionProps) {
  return (
    <section class={`card${wide ? " wide" : ""}`} id={id} aria-labelledby={`${id}-title`}>
      <header class="card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {csv && available ? <CsvButton source={csv} t={t} /> : null}
      </header>
      {available ? children : <p class="muted na">{t.notAvailable}</p>}
    </section>
  );
}

/** downloads `source` as a file; a failure is said beside the button */
export function CsvButton({ source, t, label }: { source: CsvSource; t: Strings; label?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setError(null);
    setBusy(true);
    try {
      const blob = source.kind === "server" ? await source.fetch() : new Blob([toCsv(source.table())], { type: "text/csv;charset=utf-8" });
      saveFile(source.name, blob);
    } catch (e) {
      setError(`${t.downloadFailed}: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="csv">
      <button type="button" class="btn-link" onClick={run} disabled={busy} data-csv={source.name}>
        {label ?? t.csv} ↓
      </button>
      {error ? (
        <span class="error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
