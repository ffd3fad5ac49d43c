// the date range: presets and two day fields, read as days in the campaign's time zone (the stats API's from/to). The
// fields are text, day first (20/01/2027): a native date input shows the browser's own format (MM/DD/YYYY in an
// English Chromium) whatever the page's language
import { useEffect, useState } from "preact/hooks";
import type { Format, Strings } from "./i18n.js";
import type { DayRange, Preset } from "./range.js";

type RangePickerProps = {
  preset: Preset;
  range: DayRange | undefined;
  timezone: string;
  t: Strings;
  f: Format;
  /** a new preset, or custom days */
  onChange(preset: Preset, range?: DayRange): void;
};

const PRESETS: Array<[Preset, keyof Strings]> = [
  ["campaign", "rangeCampaign"],
  ["7d", "range7"],
  ["30d", "range30"],
];

type DayFieldProps = { name: "from" | "to"; label: string; day: string | undefined; t: Strings; f: Format; onDay(day: string): void };

/** one end of the range: shows the day as the reader writes it, takes it when what was typed is a day */
function DayField({ name, label, day, t, f, onDay }: DayFieldProps) {
  const shown = day ? f.dayField(day) : "";
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  // a preset or the other end moved this day: show it
  useEffect(() => {
    setText(shown);
    setBad(false);
  }, [shown]);
  const take = () => {
    if (text === shown) return;
    const parsed = f.parseDay(text);
    setBad(parsed === null);
    if (parsed) onDay(parsed);
  };
  return (
    <label>
      <span>{label}</span>
      <input
        type="text"
        name={name}
        inputMode="numeric"
        autoComplete="off"
        placeholder={t.dayPattern}
        size={10}
        value={text}
        aria-invalid={bad}
        title={bad ? t.dayInvalid : t.dayPattern}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={take}
        onKeyDown={(e) => e.key === "Enter" && take()}
      />
    </label>
  );
}

export function RangePicker({ preset, range, timezone, t, f, onChange }: RangePickerProps) {
  const pick = (which: "from" | "to", value: string) => {
    const next = { from: range?.from ?? value, to: range?.to ?? value, [which]: value };
    // keep the range the right way round whichever end moved
    if (next.from > next.to) {
      if (which === "from") next.to = next.from;
      else next.from = next.to;
    }
    onChange("custom", next);
  };
  return (
    <fieldset class="range">
      <legend class="sr-only">{t.range}</legend>
      <div class="segmented">
        {PRESETS.map(([p, label]) => (
          <button type="button" key={p} aria-pressed={preset === p} onClick={() => onChange(p)}>
            {t[label]}
          </button>
        ))}
      </div>
      <div class="days">
        <DayField name="from" label={t.from} day={range?.from} t={t} f={f} onDay={(d) => pick("from", d)} />
        <DayField name="to" label={t.to} day={range?.to} t={t} f={f} onDay={(d) => pick("to", d)} />
        <span class="muted small tz">
          {t.daysIn} {timezone}
        </span>
      </div>
    </fieldset>
  );
}
