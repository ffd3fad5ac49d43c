/// <reference types="vite/client" />
// the playground: edit a campaign, see it validated as you type, play it live, watch events and stats
import { computeStats, formatIssue, parseCampaign, type Campaign, type CampaignStats } from "../src/core/index.js";
import { mount } from "../src/index.js";
import demoQuiz from "../examples/campaigns/demo-quiz.json";
import demoWheel from "../examples/campaigns/demo-wheel.json";
import personality from "../examples/campaigns/personality-en.json";
import quizEn from "../examples/campaigns/quiz-en.json";
import tet from "../examples/campaigns/tet.json";
import scratchTet from "../examples/campaigns/scratch-tet.json";
import giftboxTet from "../examples/campaigns/giftbox-tet.json";
import flipTet from "../examples/campaigns/flip-tet.json";
import { captureBatches, type SentBatch } from "./capture.js";
import { renderStats } from "./stats-table.js";

type Widget = ReturnType<typeof mount>;

const EXAMPLES: Record<string, unknown> = {
  "demo-wheel": demoWheel,
  "demo-quiz": demoQuiz,
  "quiz-en": quizEn,
  "personality-en": personality,
  tet,
  "scratch-tet": scratchTet,
  "giftbox-tet": giftboxTet,
  "flip-tet": flipTet,
};
const WIDGET_EVENTS = ["open", "play", "result", "claim", "lead", "share", "close", "error", "reveal"] as const;
// set by scripts/start.ts when the collector runs next to the playground
const collectorBase: string | undefined = import.meta.env.VITE_MINIGAME_COLLECTOR;
const adminToken: string | undefined = import.meta.env.VITE_MINIGAME_ADMIN_TOKEN;
const endpoint = collectorBase ? `${collectorBase}/v1/events` : undefined;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const editor = $<HTMLTextAreaElement>("#editor");
const issues = $<HTMLUListElement>("#issues");
const preview = $<HTMLDivElement>("#preview");
const log = $<HTMLOListElement>("#log");

let widget: Widget | null = null;
let campaign: Campaign | null = null;
let mountedText = "";
const sent: SentBatch["events"] = [];

function logLine(kind: "sent" | "widget", label: string, detail: unknown): void {
  const item = document.createElement("li");
  item.className = kind;
  const tag = document.createElement("span");
  tag.className = "kind";
  tag.textContent = label;
  // config and event text render as text, never as HTML
  item.append(tag, ` ${JSON.stringify(detail)}`);
  log.prepend(item);
  while (log.children.length > 200) log.lastElementChild?.remove();
}

function showIssues(messages: string[]): void {
  issues.replaceChildren(
    ...(messages.length ? messages : ["✓ valid campaign"]).map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      if (!messages.length) item.className = "ok";
      return item;
    }),
  );
  editor.setAttribute("aria-invalid", String(messages.length > 0));
}

function remount(next: Campaign): void {
  widget?.destroy();
  preview.replaceChildren();
  campaign = next;
  // without a collector the playground still previews a server-mode campaign, drawing in this browser
  const where = endpoint ? { collector: { endpoint } } : { mode: "client" as const };
  widget = mount(preview, { campaign: next, placement: "inline", ...where });
  for (const type of WIDGET_EVENTS) widget.on(type, (payload: unknown) => logLine("widget", type, payload));
  refreshStats();
}

/** validate on every keystroke (debounced); re-mount only when the text is valid and changed */
function onEdit(): void {
  const text = editor.value;
  const result = parseCampaign(text);
  if (!result.ok) {
    showIssues(result.issues.map(formatIssue));
    return;
  }
  showIssues([]);
  if (text === mountedText) return;
  mountedText = text;
  remount(result.campaign);
}

let timer: ReturnType<typeof setTimeout> | undefined;
editor.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(onEdit, 150);
});

function load(name: string): void {
  editor.value = JSON.stringify(EXAMPLES[name], null, 2);
  onEdit();
}
$<HTMLSelectElement>("#example").addEventListener("change", (e) => load((e.target as HTMLSelectElement).value));
$<HTMLButtonElement>("#clear-log").addEventListener("click", () => log.replaceChildren());
$<HTMLButtonElement>("#reset").addEventListener("click", () => {
  localStorage.clear();
  sessionStorage.clear();
  sent.length = 0;
  mountedText = "";
  onEdit();
});

async function collectorStats(id: string): Promise<CampaignStats | null> {
  if (!collectorBase) return null;
  try {
    const response = await fetch(`${collectorBase}/v1/campaigns/${encodeURIComponent(id)}/stats`, {
      headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {},
    });
    if (response.status === 404) return null; // no events for this campaign yet
    return response.ok ? ((await response.json()) as CampaignStats) : null;
  } catch {
    return null;
  }
}

async function refreshStats(): Promise<void> {
  if (!campaign) return;
  // this browser: the events it has sent (or, without a collector, what the widget keeps locally);
  // a playground counts automated browsers too, as the collector npm start runs does
  const local = endpoint
    ? (computeStats(sent, { timezone: campaign.timezone, includeAutomated: true })[campaign.id] ?? null)
    : (widget?.stats() ?? null);
  renderStats($<HTMLTableElement>("#stats-local"), local as CampaignStats | null, "no events yet");
  const remote = await collectorStats(campaign.id);
  renderStats(
    $<HTMLTableElement>("#stats-collector"),
    remote,
    collectorBase ? "no events stored for this campaign" : "no collector running (npm start runs one)",
  );
}

if (endpoint) {
  captureBatches(endpoint, (batch) => {
    sent.push(...batch.events);
    for (const event of batch.events) logLine("sent", `${batch.via} ${event.type}`, event.props ?? {});
    void refreshStats();
  });
  $("#collector-status").textContent = `collector: ${collectorBase}`;
} else {
  $("#collector-status").textContent = "no collector (events stay in this browser)";
}
setInterval(() => void refreshStats(), 3000);
load("demo-wheel");
