// the grid shared by gift boxes and flip cards: big touch targets, three across on a phone; the note under it outranks
// the after-play .mg-note rule (loaded later), which would otherwise pull it to the left
export const PICK_CSS = /* css */ `
.mg-pick{--mg-ribbon:var(--mg-accent,#ffd166);border:0;padding:0;min-inline-size:0;display:grid;grid-template-columns:repeat(3,1fr);gap:12px;width:min(100%,420px);margin:18px auto 6px;container-type:inline-size}
.mg-pick.n-2,.mg-pick.n-4{grid-template-columns:repeat(2,1fr);width:min(100%,320px)}
.mg-pick-item{appearance:none;position:relative;border:0;padding:0;margin:0;background:none;font:inherit;color:inherit;cursor:pointer;
  border-radius:16px;-webkit-tap-highlight-color:transparent;touch-action:manipulation}
.mg-pick-item:disabled{cursor:default}
.mg-pick.is-open .mg-pick-item:not(.is-chosen):not(.is-open),.mg-pick.is-done .mg-pick-item:not(.is-chosen):not(.is-open){opacity:.45;transition:opacity .4s}
.mg-pick-item:hover:not(:disabled){transform:translateY(-2px)}
.mg-pick-item.is-chosen{z-index:1}
.mg-pick-item.is-open:not(.is-chosen){filter:saturate(.6)}
.mg-note.mg-pick-note{max-width:34ch;margin:6px auto 0}
`;
