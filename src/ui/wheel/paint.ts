// the wheel's first frame without Preact (dist/chunks/paint-wheel.js): the loader paints it with plain DOM as soon as
// the campaign is checked, before it fetches Preact and the game; the widget then hydrates these very nodes. It is the
// markup the Preact wheel renders on its loading screen when it hydrates a painted frame: the same shapes (face.ts),
// classes, strings and CSS. The frame takes taps itself: the widget's code is fetched and run only when the visitor
// first reaches for the wheel (a visitor who only looks never pays for it), and a spin pressed before it arrived is
// played by the widget as soon as it takes over.
import type { Campaign } from "../../core/schema/campaign.js";
import { createTranslator, type Locale } from "../i18n/index.js";
import { type FirstFrame, handOverFrame, keepFrame } from "../first-frame.js";
import { injectStyles } from "../styles.js";
import { segmentColors, themeVars } from "../theme.js";
import { type Shape, WHEEL_POINTER, wheelFace } from "./face.js";
import { css } from "./styles.js";

export type PaintOptions = {
  locale?: Locale | undefined;
  strings?: Record<string, string> | undefined;
  /** a launcher's dialog ("modal") opens on a trigger, with the widget: nothing to paint before it */
  placement?: "inline" | "modal" | undefined;
};

const SVG = "http://www.w3.org/2000/svg";
/** a visitor reaching for the wheel: a pointer over it or pressed in it (a touch sends both), focus or a key in it. No
 * touch listener: pointer events come first, and a touch listener would make the page's scrolling over it wait */
const REACH = ["pointerover", "pointerdown", "focusin", "keydown"];

/** a shape as DOM nodes; SVG shapes in the SVG namespace */
function build([tag, attrs, ...children]: Shape, doc: Document, inSvg = false): Element {
  const svg = inSvg || tag === "svg";
  const el = svg ? doc.createElementNS(SVG, tag) : doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (name !== "key" && value !== undefined) el.setAttribute(name, String(value));
  for (const c of children) el.append(typeof c === "string" ? c : build(c, doc, svg));
  return el;
}

/**
 * Paint the wheel's first frame into `target`'s shadow root and resolve once it is on screen, or at once with null when
 * the target is missing or already holds a widget (it came first). The widget hands the frame over when it renders
 * (first-frame.ts); a failed `loading` (the widget's chunks) removes it. Never throws, never rejects.
 * @example
 * const loading = loadWidget();
 * await paintWheel("#slot", campaign, {}, loading);
 * mountWidget(); // takes the painted frame over
 */
export function paintWheel(
  target: string | Element | null,
  campaign: Campaign,
  options: PaintOptions = {},
  loading?: Promise<unknown>,
): Promise<FirstFrame | null> {
  const frame = paint(target, campaign, options, loading);
  return new Promise((resolve) => {
    if (!frame) return resolve(null);
    const done = () => resolve(frame);
    // after the next frame is rendered: rAF runs before it, a task queued from there after it; a hidden tab renders
    // no frames, so the widget does not wait for one longer than a moment
    globalThis.requestAnimationFrame?.(() => setTimeout(done, 0));
    setTimeout(done, 250);
  });
}

function paint(target: string | Element | null, campaign: Campaign, options: PaintOptions, loading?: Promise<unknown>): FirstFrame | null {
  try {
    const doc = globalThis.document;
    const host = typeof target === "string" ? doc.querySelector(target) : target;
    if (!host || host.shadowRoot || options.placement === "modal") return null;
    const root = host.attachShadow({ mode: "open" });
    const unstyle = [injectStyles(root), injectStyles(root, css)];
    const locale = options.locale ?? campaign.locale;
    const t = createTranslator(locale, { ...campaign.strings, ...options.strings });
    const prizes = campaign.prizes;
    const chips: Shape[] = campaign.testMode ? [["span", { class: "mg-chip mg-chip-test" }, t("test")]] : [];
    const markup: Shape = [
      "div",
      { class: "mg mg-inline" },
      [
        "div",
        { class: "mg-card" },
        [
          "div",
          { class: "mg-fade" },
          [
            "header",
            {},
            ["h2", { class: "mg-title" }, campaign.title ?? t("wheel.title")],
            ...(campaign.description ? [["p", { class: "mg-sub" }, campaign.description] as Shape] : []),
            ["div", { class: "mg-row" }, ...chips],
          ],
          [
            "div",
            { class: "mg-wheel" },
            [
              "div",
              { class: "mg-rotor" },
              wheelFace({ prizes, colors: segmentColors(campaign.theme, prizes.length), labels: campaign.wheel?.labels }),
            ],
            WHEEL_POINTER,
            [
              "button",
              {
                type: "button",
                class: "mg-hub",
                "data-mg-focus": "",
                "aria-label": t("wheel.spinLabel"),
                "aria-describedby": "mg-prizes",
              },
              t("wheel.spin"),
            ],
          ],
          ["ul", { id: "mg-prizes", class: "mg-sr" }, ...prizes.map((p): Shape => ["li", {}, p.label])],
          ["p", { class: "mg-hint", "aria-live": "polite" }, t("wheel.hint")],
          ["button", { type: "button", class: "mg-link", "aria-haspopup": "dialog" }, t("odds.link")],
        ],
        ["div", { class: "mg-sr", "aria-live": "assertive", "aria-atomic": "true" }],
      ],
    ];
    const el = build(markup, doc) as HTMLElement;
    // custom properties through the CSSOM, which a strict CSP allows (a style attribute it blocks)
    for (const [name, value] of Object.entries(themeVars(campaign.theme))) el.style.setProperty(name, value);
    el.setAttribute("lang", locale); // after the style, in the widget's order, so both serialize alike
    // the widget renders into a container of its own: this is the one it hydrates
    const container = doc.createElement("div");
    container.append(el);
    root.append(container);
    // the first reach for the wheel starts the widget; a press of the spin button or the odds link is remembered for it
    // to press again, so the first tap spins or opens the sheet as on the widget itself
    let pressed: HTMLElement | undefined;
    let reach = () => {};
    const reached = new Promise<void>((resolve) => (reach = resolve));
    const buttons = el.querySelectorAll<HTMLElement>(".mg-hub, .mg-link");
    const press = (e: Event) => {
      pressed = e.currentTarget as HTMLElement;
      reach();
    };
    for (const b of buttons) b.addEventListener("click", press);
    for (const type of REACH) container.addEventListener(type, reach, { passive: true });
    const frame: FirstFrame = {
      container,
      reached,
      reach,
      replay: () => pressed?.click(),
      handOver(next) {
        if (!unstyle.length) return; // handed over already
        for (const b of buttons) b.removeEventListener("click", press);
        for (const type of REACH) container.removeEventListener(type, reach);
        for (const u of unstyle.splice(0)) u();
        if (next === container) return; // hydrated: the nodes are the widget's now, only the frame's sheets go
        try {
          // the widget's card fades in where this one already did: continue at the same point, no second fade
          const time = el.getAnimations?.({ subtree: true })[0]?.currentTime;
          if (next && time != null) for (const a of next.getAnimations?.({ subtree: true }) ?? []) a.currentTime = time;
        } catch {
          // no Web Animations: the card fades in once more, nothing else differs
        }
        container.remove();
      },
    };
    keepFrame(root, frame);
    // the widget could not load: nothing is shown, as without a first frame
    loading?.catch(() => handOverFrame(root));
    return frame;
  } catch {
    return null; // the widget paints on its own when it arrives
  }
}
