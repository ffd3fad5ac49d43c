// the 0–10 "how likely are you to recommend us" scale: one radio group, arrows and Home/End move and pick,
// Enter confirms; both ends are labelled in words, on screen and for screen readers
import { useLayoutEffect, useRef } from "preact/hooks";

export type NpsScaleProps = {
  value: number | null;
  onChange(value: number): void;
  /** Enter: confirm, with the value that same key press picked when there was none */
  onConfirm(value: number): void;
  low: string;
  high: string;
  labelledBy: string;
};

const POINTS = Array.from({ length: 11 }, (_, i) => i);

export function NpsScale({ value, onChange, onConfirm, low, high, labelledBy }: NpsScaleProps) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus once, when the question shows; picking must not refocus
  useLayoutEffect(() => {
    refs.current[value ?? 0]?.focus();
  }, []);

  function onKeyDown(e: KeyboardEvent, i: number) {
    const keys: Record<string, number> = { ArrowRight: i + 1, ArrowUp: i + 1, ArrowLeft: i - 1, ArrowDown: i - 1, Home: 0, End: 10 };
    if (e.key in keys) {
      e.preventDefault();
      const next = Math.min(10, Math.max(0, keys[e.key]!));
      refs.current[next]?.focus();
      onChange(next); // radios follow focus, as native radio groups do
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (value === null) onChange(i);
      onConfirm(value ?? i);
    } else if (e.key === " ") {
      e.preventDefault();
      onChange(i);
    }
  }

  return (
    <div class="mg-nps">
      <div role="radiogroup" aria-labelledby={labelledBy} aria-describedby="mg-nps-ends" class="mg-nps-points">
        {POINTS.map((i) => (
          // biome-ignore lint/a11y/useSemanticElements: buttons with role="radio", as in Choices: roving focus and Enter to confirm, styled as a scale
          <button
            key={i}
            type="button"
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="radio"
            aria-checked={value === i}
            // the ends say what they mean; the numbers between speak for themselves
            aria-label={i === 0 ? `0, ${low}` : i === 10 ? `10, ${high}` : undefined}
            tabIndex={i === (value ?? 0) ? 0 : -1}
            class="mg-nps-point"
            onClick={() => onChange(i)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {i}
          </button>
        ))}
      </div>
      <div class="mg-nps-ends" id="mg-nps-ends">
        <span>0 = {low}</span>
        <span>10 = {high}</span>
      </div>
    </div>
  );
}
