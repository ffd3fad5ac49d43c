// flip cards: N face-down cards, the visitor turns one over, the drawn prize is on its face
import type { GameProps } from "../../games.js";
import { useWidget } from "../../shell/context.js";
import { PickGame } from "../pick/PickGame.js";
import { PrizeFace } from "../PrizeFace.js";

export function FlipGame({ screen, autoFocus }: GameProps) {
  if (screen !== "loading" && screen !== "intro" && screen !== "game" && screen !== "result") return null;
  return <Stage autoFocus={autoFocus} covered={screen === "result"} />;
}

function Stage({ autoFocus, covered }: { autoFocus: boolean; covered: boolean }) {
  const { reducedMotion } = useWidget();
  return (
    <PickGame
      variant="flip"
      autoFocus={autoFocus}
      covered={covered}
      openMs={reducedMotion() ? 0 : 600}
      renderItem={({ open, chosen, prize, win }) => (
        <span class="mg-flip" aria-hidden="true">
          <span class="mg-flip-back" />
          <span class="mg-flip-face">{open && <PrizeFace prize={prize} win={win} small={!chosen} />}</span>
        </span>
      )}
    />
  );
}
