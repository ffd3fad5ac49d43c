// plays and participants per day, drawn by uPlot (small, maintained, canvas: legible on a phone at any range)
import { useEffect, useRef } from "preact/hooks";
import type uPlot from "uplot";
import type { Format, Strings } from "./i18n.js";

type DailyChartProps = { days: string[]; plays: number[]; participants: number[]; t: Strings; f: Format };

const PLAYS = "#2563eb";
const PARTICIPANTS = "#f59e0b";

/** a line chart that follows its container's width */
export function DailyChart({ days, plays, participants, t, f }: DailyChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let chart: uPlot | undefined;
    let resize: ResizeObserver | undefined;
    let live = true;
    // uPlot is half the bundle: loaded beside the headline, not before it
    import("uplot").then(({ default: UPlot }) => {
      if (!live) return;
      chart = draw(UPlot, el, { days, plays, participants, t, f });
      resize = new ResizeObserver(() => chart?.setSize({ width: el.clientWidth, height: el.clientWidth < 520 ? 220 : 280 }));
      resize.observe(el);
    });
    return () => {
      live = false;
      resize?.disconnect();
      chart?.destroy();
    };
  }, [days, plays, participants, t, f]);
  return <div class="chart" ref={box} role="img" aria-label={t.perDay} />;
}

function draw(UPlot: typeof uPlot, el: HTMLDivElement, { days, plays, participants, t, f }: DailyChartProps): uPlot {
  const narrow = el.clientWidth < 520;
  // day keys at UTC midnight, formatted in UTC: the campaign's calendar days, whatever the reader's zone
  const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const opts: uPlot.Options = {
    width: el.clientWidth,
    height: narrow ? 220 : 280,
    tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.1)] } },
    axes: [
      {
        stroke: "#64748b",
        grid: { show: false },
        ticks: { stroke: "#e2e8f0" },
        values: (_u, splits) => splits.map((s) => f.day(new Date(s * 1000).toISOString().slice(0, 10))),
        font: "12px system-ui, sans-serif",
        space: narrow ? 56 : 72,
        // whole days only: a tick between two days would repeat the day's label
        incrs: [1, 2, 3, 7, 14, 28, 56, 91, 182, 364].map((d) => d * 86_400),
      },
      {
        stroke: "#64748b",
        grid: { stroke: "#eef2f7" },
        ticks: { show: false },
        values: (_u, splits) => splits.map((s) => f.n(s)),
        font: "12px system-ui, sans-serif",
        size: narrow ? 44 : 56,
      },
    ],
    series: [
      { label: t.day, value: (_u, v) => (v === null ? "—" : f.day(new Date(v * 1000).toISOString().slice(0, 10), true)) },
      {
        label: t.plays,
        stroke: PLAYS,
        width: 2,
        fill: "rgba(37,99,235,0.08)",
        points: { show: days.length <= 31 },
        value: (_u, v) => (v === null ? "—" : f.n(v)),
      },
      {
        label: t.participants,
        stroke: PARTICIPANTS,
        width: 2,
        points: { show: days.length <= 31 },
        value: (_u, v) => (v === null ? "—" : f.n(v)),
      },
    ],
  };
  return new UPlot(opts, [xs, plays, participants], el);
}
