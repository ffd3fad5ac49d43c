// a radio group (single) or checkbox group (multiple) with roving focus: arrows move, Space picks, Enter confirms
import { useEffect, useRef } from "preact/hooks";

export type ChoicesProps = {
  choices: string[];
  multiple: boolean;
  selected: number[];
  onChange(selected: number[]): void;
  /** Enter: confirm, with the selection made by that same key press when there was none */
  onConfirm(selected: number[]): void;
  /** after an answer with feedback: which choices were right */
  reveal?: { right: number[] } | null;
  labelledBy: string;
};

const KEYS = "ABCDEFGH";

export function Choices({ choices, multiple, selected, onChange, onConfirm, reveal, labelledBy }: ChoicesProps) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const focusIndex = selected.length ? selected[selected.length - 1]! : 0;
  useEffect(() => {
    if (!reveal) refs.current[0]?.focus();
  }, [choices]);

  const pick = (i: number) => {
    if (reveal) return;
    if (multiple) onChange(selected.includes(i) ? selected.filter((s) => s !== i) : [...selected, i].sort((a, b) => a - b));
    else onChange([i]);
  };

  function onKeyDown(e: KeyboardEvent, i: number) {
    const step = e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : e.key === "ArrowUp" || e.key === "ArrowLeft" ? -1 : 0;
    if (step) {
      e.preventDefault();
      const next = (i + step + choices.length) % choices.length;
      refs.current[next]?.focus();
      // radios follow focus, as in native radio groups; checkboxes wait for Space
      if (!multiple && !reveal) onChange([next]);
    } else if (e.key === "Enter") {
      e.preventDefault();
      // Enter on a radio with nothing chosen yet picks it and confirms in one go
      const chosen = !multiple && !selected.length && !reveal ? [i] : selected;
      if (chosen !== selected) onChange(chosen);
      onConfirm(chosen);
    } else if (e.key === " ") {
      e.preventDefault();
      pick(i);
    }
  }

  return (
    <div role={multiple ? "group" : "radiogroup"} aria-labelledby={labelledBy} class="mg-choices">
      {choices.map((c, i) => {
        const checked = selected.includes(i);
        const state = reveal ? (reveal.right.includes(i) ? " is-right" : checked ? " is-wrong" : "") : "";
        return (
          <button
            key={i}
            type="button"
            ref={(el) => {
              refs.current[i] = el;
            }}
            role={multiple ? "checkbox" : "radio"}
            aria-checked={checked}
            aria-disabled={reveal ? true : undefined}
            tabIndex={i === focusIndex ? 0 : -1}
            class={`mg-choice${state}`}
            onClick={() => pick(i)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <span class="mg-choice-key" aria-hidden="true">
              {KEYS[i]}
            </span>
            <span>{c}</span>
          </button>
        );
      })}
    </div>
  );
}
