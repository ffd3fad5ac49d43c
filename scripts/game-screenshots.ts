// phone (390×844) and desktop (1280×800) screenshots of each game, from the built script tag, into docs/img/
// run: npm run build && npx tsx scripts/game-screenshots.ts [outDir] [name,name…]
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, serveStatic } from "../tests/helpers/chromium.js";

const out = process.argv[2] ?? "docs/img";
mkdirSync(out, { recursive: true });

const prizes = [
  { id: "lixi", label: "Lì xì 50.000đ", weight: 20 },
  { id: "ship", label: "Miễn phí vận chuyển", weight: 25 },
  { id: "v100", label: "Voucher 100k", weight: 5 },
  { id: "none", label: "Chúc bạn may mắn lần sau", weight: 50, win: false },
];
const campaign = (game: string, extra: Record<string, unknown> = {}) => ({
  id: `shot-${game}`,
  game,
  locale: "vi",
  title: { scratch: "Cào thẻ đón Tết", giftbox: "Mở hộp quà Tết", flip: "Lật thẻ may mắn", wheel: "Vòng quay Tết" }[game],
  description: "Mỗi khách có 1 lượt chơi mỗi ngày.",
  limits: { perVisitor: { perDay: 1 } },
  prizes,
  theme: { preset: "tet" },
  ...extra,
});

const page = (c: unknown, placement: "inline" | "modal") => `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><style>body{margin:0;font-family:system-ui;background:#f3f4f6}
main{max-width:960px;margin:0 auto;padding:16px}#slot{max-width:520px;margin:0 auto}</style></head>
<body><main><div id="slot"></div></main><script type="application/json" id="c">${JSON.stringify(c)}</script>
<script async src="/dist/minigame.js" data-campaign="#c" ${placement === "inline" ? 'data-target="#slot"' : ""}></script></body></html>`;

const only = process.argv[3]?.split(",");
const shots: { name: string; game: string; extra?: Record<string, unknown>; act?: "scratch" | "pick" | "result" }[] = [
  { name: "scratch", game: "scratch" },
  { name: "scratch-half", game: "scratch", extra: { scratch: { threshold: 0.9 } }, act: "scratch" },
  { name: "giftbox", game: "giftbox" },
  { name: "giftbox-open", game: "giftbox", extra: { giftbox: { count: 3, revealOthers: "sampled" } }, act: "pick" },
  { name: "flip", game: "flip" },
  { name: "flip-open", game: "flip", extra: { flip: { count: 6, revealOthers: "sampled" } }, act: "pick" },
  // every prize a win with a code: a win without one asks for contact details first, so the shot would vary by draw
  {
    name: "giftbox-result",
    game: "giftbox",
    extra: { prizes: prizes.filter((p) => p.win !== false).map((p) => ({ ...p, code: "TET2027" })) },
    act: "result",
  },
  { name: "giftbox-dark", game: "giftbox", extra: { theme: { preset: "dark" } } },
  { name: "scratch-dark", game: "scratch", extra: { theme: { preset: "dark" }, scratch: { threshold: 0.9 } }, act: "scratch" },
  { name: "flip-dark", game: "flip", extra: { theme: { preset: "dark" }, flip: { count: 6, revealOthers: "sampled" } }, act: "pick" },
  { name: "wheel-light", game: "wheel", extra: { theme: { preset: "light" } } },
  { name: "wheel-tet", game: "wheel" },
  {
    name: "wheel-tangential",
    game: "wheel",
    extra: {
      wheel: { labels: { orientation: "tangential", fit: "ellipsis" } },
      prizes: [
        ...prizes,
        { id: "long", label: "Miễn phí vận chuyển toàn quốc cho mọi đơn hàng", weight: 5 },
        ...prizes.map((p) => ({ ...p, id: `${p.id}2` })),
      ],
    },
  },
];

const files: Record<string, string> = {};
const site = await serveStatic({ files, root: process.cwd() });
const browser = await launchChromium();
try {
  for (const shot of shots.filter((s) => !only || only.includes(s.name))) {
    for (const [device, viewport, placement] of [
      ["phone", { width: 390, height: 844 }, "inline"],
      ["desktop", { width: 1280, height: 800 }, "modal"],
    ] as const) {
      files[`/${shot.name}-${device}.html`] = page(campaign(shot.game, shot.extra), placement);
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, hasTouch: device === "phone" });
      const p = await context.newPage();
      await p.goto(`${site.url}/${shot.name}-${device}.html`);
      if (placement === "modal") await p.locator(".mg-launcher").click();
      await p.locator(".mg-fade header").first().waitFor();
      // the widget's entrance (and the modal's fade) at its end, or a busy machine shoots a half-faded card; they run in
      // the widget's shadow root, which document.getAnimations() does not look into
      await p.evaluate(() =>
        Promise.all(
          [...document.querySelectorAll("*")]
            .flatMap((el) => el.shadowRoot?.getAnimations() ?? [])
            .filter((a) => a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
            .map((a) => a.finished.catch(() => {})),
        ),
      );
      if (shot.act === "scratch") {
        const box = (await p.locator(".mg-scratch").boundingBox())!;
        await p.mouse.move(box.x + 20, box.y + box.height * 0.3);
        await p.mouse.down();
        for (let i = 0; i <= 12; i++)
          await p.mouse.move(box.x + 20 + (i * (box.width - 40)) / 12, box.y + box.height * (i % 2 ? 0.65 : 0.35));
        await p.mouse.up();
        await p.waitForTimeout(300);
      }
      if (shot.act === "pick") {
        await p.locator(".mg-pick-item").nth(1).click();
        await p.locator(".mg-pick-item.is-open").first().waitFor();
        await p.waitForTimeout(700); // the opening, before the result card
      }
      if (shot.act === "result") {
        await p.locator(".mg-pick-item").first().click();
        await p.locator(".mg-prize").waitFor();
        await p.waitForTimeout(600);
      }
      // the phone shot keeps the widget, not the empty page below it
      await p.screenshot({
        path: join(out, `${shot.name}-${device}.png`),
        clip: { x: 0, y: 0, ...viewport, height: device === "phone" ? 620 : viewport.height },
      });
      await context.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(`screenshots in ${out}`);
