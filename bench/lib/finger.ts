// a scratching finger from outside the page, through the browser's own input pipeline (CDP touch events): a busy page
// queues its moves during a block and delivers them together afterwards, as it would a real finger's
import type { CDPSession } from "playwright-core";
import type { Region } from "./png.js";

/** a steady human scratching speed, CSS px per second (8 px per 60 Hz frame) */
export const FINGER_SPEED = 480;
/** rows this far apart never touch the row before them with the bench's 22 px brush: every move clears new ground */
const ROW_GAP = 26;
const MARGIN = 14;

/**
 * Where the finger is `distance` px along its path: left to right along a row, down to the next row at the edge, right
 * to left, and so on (a boustrophedon), so it never passes over ground it has already cleared; null past the last row.
 * @example fingerAt(box, 0) // { x: box.x + 14, y: box.y + 14 }
 */
export function fingerAt(box: Region, distance: number): { x: number; y: number } | null {
  const across = box.width - 2 * MARGIN;
  const rows = Math.floor((box.height - 2 * MARGIN) / ROW_GAP) + 1;
  const leg = across + ROW_GAP;
  const row = Math.floor(distance / leg);
  if (row >= rows) return null;
  const along = distance - row * leg;
  const y = box.y + MARGIN + row * ROW_GAP;
  const rightward = row % 2 === 0;
  if (along <= across) return { x: box.x + MARGIN + (rightward ? along : across - along), y };
  // the turn: straight down at the edge
  return { x: box.x + MARGIN + (rightward ? across : 0), y: y + (along - across) };
}

/**
 * A finger scratching new ground at FINGER_SPEED for `windowMs`, one touch move per 60 Hz frame, each sent without
 * waiting for the page. Throws when the card is too small to keep clearing new ground for the whole window.
 * @example await scratchFinger(cdp, box, 3400);
 */
export async function scratchFinger(cdp: CDPSession, box: Region, windowMs: number): Promise<void> {
  if (!fingerAt(box, (FINGER_SPEED * windowMs) / 1000))
    throw new Error(`the card (${box.width} × ${box.height}) runs out of new ground before ${windowMs} ms`);
  const at = (t: number) => fingerAt(box, (FINGER_SPEED * Math.min(t, windowMs)) / 1000)!;
  const send = (type: "touchStart" | "touchMove" | "touchEnd", t: number) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [at(t)] }).catch(() => {});
  const start = Date.now();
  void send("touchStart", 0);
  for (let frame = 1; ; frame++) {
    const due = start + (frame * 1000) / 60;
    if (due > start + windowMs) break;
    await new Promise((wake) => setTimeout(wake, Math.max(0, due - Date.now())));
    // where the finger is now, even when the timer woke late: the speed stays steady, a late sample only moves further
    void send("touchMove", Date.now() - start);
  }
  await send("touchEnd", windowMs);
}
