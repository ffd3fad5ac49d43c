// the gift box game: N wrapped boxes, the visitor opens one, the drawn prize rises out of it
import { useGameStyles } from "../../game-styles.js";
import { useWidget } from "../../shell/context.js";
import { PickGame } from "../pick/PickGame.js";
import { PrizeFace } from "../PrizeFace.js";
import { GIFTBOX_CSS } from "./styles.js";

export function GiftBoxGame({ autoFocus = false, covered = false }: { autoFocus?: boolean; covered?: boolean }) {
  useGameStyles(GIFTBOX_CSS);
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
          {open && (
            <span class="mg-box-prize" aria-hidden="true">
              <PrizeFace prize={prize} win={win} small={!chosen} />
            </span>
          )}
        </>
      )}
    />
  );
}
