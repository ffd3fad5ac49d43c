// a radio group (single) or checkbox group (multiple) with roving focus: arrows move, Space picks, Enter confirms
import { useLayoutEffect, useRef } from "preact/hooks";

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
  // focus the first choice in the same commit that shows the question, so a quick Enter is not lost
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new question (new choices) is the trigger; a reveal must not move focus
  useLayoutEffect(() => {
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
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is group or radiogroup, both take aria-labelledby; the rule cannot read a computed role
    <div role={multiple ? "group" : "radiogroup"} aria-labelledby={labelledBy} class="mg-choices">
      {choices.map((c, i) => {
        const checked = selected.includes(i);
        const state = reveal ? (reveal.right.includes(i) ? " is-right" : checked ? " is-wrong" : "") : "";
        return (
          // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is checkbox or radio, both take aria-checked; the rule cannot read a computed role
          <button
            // biome-ignore lint/suspicious/noArrayIndexKey: a question's choices never reorder; the index is the answer's value
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
