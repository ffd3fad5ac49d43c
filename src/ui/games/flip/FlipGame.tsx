// flip cards: N face-down cards, the visitor turns one over, the drawn prize is on its face
import { useGameStyles } from "../../game-styles.js";
import { useWidget } from "../../shell/context.js";
import { PickGame } from "../pick/PickGame.js";
import { PrizeFace } from "../PrizeFace.js";
import { FLIP_CSS } from "./styles.js";

export function FlipGame({ autoFocus = false, covered = false }: { autoFocus?: boolean; covered?: boolean }) {
  useGameStyles(FLIP_CSS);
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
