// the gift box game: N wrapped boxes, the visitor opens one, the drawn prize rises out of it
import type { GameProps } from "../../games.js";
import { useWidget } from "../../shell/context.js";
import { PickGame } from "../pick/PickGame.js";
import { PrizeFace } from "../PrizeFace.js";

export function GiftBoxGame({ screen, autoFocus }: GameProps) {
  if (screen !== "loading" && screen !== "intro" && screen !== "game" && screen !== "result") return null;
  return <Stage autoFocus={autoFocus} covered={screen === "result"} />;
}

function Stage({ autoFocus, covered }: { autoFocus: boolean; covered: boolean }) {
  const { reducedMotion } = useWidget();
  return (
    <PickGame
      variant="giftbox"
      autoFocus={autoFocus}
      covered={covered}
      openMs={reducedMotion() ? 0 : 650}
      renderItem={({ open, chosen, prize, win }) => (
        <>
          <span class="mg-box" aria-hidden="true">
            <span class="mg-box-body" />
            <span class="mg-box-lid">
              <span class="mg-box-bow" />
            </span>
          </span>
          {/* always there, transparent and on its own layer until the box opens: the opening then starts with no new box
          to lay out, and runs on the compositor (transform and opacity) */}
          <span class="mg-box-prize" aria-hidden="true">
            {open && <PrizeFace prize={prize} win={win} small={!chosen} />}
          </span>
        </>
      )}
    />
  );
}
