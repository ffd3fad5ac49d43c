// a scratching finger from outside the page, through the browser's own input pipeline (CDP touch events): a busy page
// queues its moves during a block and delivers them together afterwards, as it would a real finger's
import type { CDPSession } from "playwright-core";
import type { Region } from "./png.js";

/** a finger zig-zagging over the card, one touch move per 60 Hz frame, each sent without waiting for the page */
export async function scratchFinger(cdp: CDPSession, box: Region, windowMs: number): Promise<void> {
  const at = (t: number) => ({
    x: box.x + 10 + (box.width - 20) * Math.abs(((t / 800) % 2) - 1),
    y: box.y + 10 + (box.height - 20) * ((t / 6000) % 1),
  });
  const send = (type: "touchStart" | "touchMove" | "touchEnd", t: number) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [at(t)] }).catch(() => {});
  const start = Date.now();
  void send("touchStart", 0);
  for (let frame = 1; ; frame++) {
    const due = start + (frame * 1000) / 60;
    if (due > start + windowMs) break;
    await new Promise((wake) => setTimeout(wake, Math.max(0, due - Date.now())));
    void send("touchMove", Date.now() - start);
  }
  await send("touchEnd", Date.now() - start);
}
