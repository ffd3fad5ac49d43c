// the date range: presets and two day inputs, read as days in the campaign's time zone (the stats API's from/to)
import type { Strings } from "./i18n.js";
import type { DayRange, Preset } from "./range.js";

type RangePickerProps = {
  preset: Preset;
  range: DayRange | undefined;
  timezone: string;
  t: Strings;
  /** a new preset, or custom days */
  onChange(preset: Preset, range?: DayRange): void;
};

const PRESETS: Array<[Preset, keyof Strings]> = [
  ["campaign", "rangeCampaign"],
  ["7d", "range7"],
  ["30d", "range30"],
];

export function RangePicker({ preset, range, timezone, t, onChange }: RangePickerProps) {
  const pick = (which: "from" | "to", value: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
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
        <label>
          <span>{t.from}</span>
          <input type="date" name="from" value={range?.from ?? ""} onChange={(e) => pick("from", e.currentTarget.value)} />
        </label>
        <label>
          <span>{t.to}</span>
          <input type="date" name="to" value={range?.to ?? ""} onChange={(e) => pick("to", e.currentTarget.value)} />
        </label>
        <span class="muted small tz">
          {t.daysIn} {timezone}
        </span>
      </div>
    </fieldset>
  );
}
