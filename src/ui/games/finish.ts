// the end of every reveal game: a short beat on the uncovered prize, then the result card, and confetti on a win
import type { WidgetContext } from "../shell/context.js";
import type { Won } from "../shell/flow.js";

const CONFETTI = ["#ffd166", "#06d6a0", "#118ab2", "#ef476f", "#ffffff"];

/**
 * Show the result card for `r` after `beatMs` (none with a fixed animation length, as in previews and tests).
 * @example await finishPlay(ctx, result, 450);
 */
export async function finishPlay(ctx: WidgetContext, r: Won, beatMs: number): Promise<void> {
  if (beatMs > 0 && ctx.spinDurationMs === undefined) await new Promise((res) => setTimeout(res, beatMs));
  ctx.flow.reveal(r);
  if (!r.win) return;
  // confetti is its own chunk, fetched on a win; it is decoration: failing to load it changes nothing
  import("../confetti.js")
    .then((m) => m.celebrate(ctx.root, [ctx.campaign.theme.primary ?? "#e11d48", ...CONFETTI], ctx.reducedMotion()))
    .then(
      (stop) => ctx.disposers.add(stop),
      () => {},
    );
}
