// a prize as the reveal games show it: picture (when safe), label, and a quieter look for "better luck next time"
import type { PublicPrize } from "../../core/engine/types.js";
import { safeImage } from "../safe-image.js";
import { GiftIcon, HeartIcon } from "../shell/icons.js";

export function PrizeFace({ prize, win, small = false }: { prize: PublicPrize | null; win: boolean; small?: boolean }) {
  const image = safeImage(prize?.image);
  return (
    <span class={`mg-face${win ? " is-win" : " is-lose"}${small ? " is-small" : ""}`}>
      {image ? <img class="mg-face-img" src={image} alt="" /> : <span class="mg-face-icon">{win ? <GiftIcon /> : <HeartIcon />}</span>}
      <span class="mg-face-label">{prize?.label ?? ""}</span>
    </span>
  );
}
