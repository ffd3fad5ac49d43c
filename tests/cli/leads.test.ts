// minigame leads export|delete against a real collector: one person's data out, then erased, with the admin token
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "../helpers/cli/capture-io.js";
import { main } from "../../src/cli/main.js";
import { createCollector, type Collector, type Database } from "../../src/collector/index.js";
import { storeLead } from "../../src/collector/leads/index.js";
import { openTestPglite } from "../helpers/pglite.js";
import { parseCampaign, type Campaign } from "../../src/core/schema/index.js";

const TOKEN = "cli-admin";
const parsed = parseCampaign({
  id: "cli-leads",
  game: "wheel",
  lead: { fields: ["email", "phone", "name"] },
  prizes: [
    { id: "a", label: "A", weight: 1, code: "A10" },
    { id: "b", label: "B", weight: 1, win: false },
  ],
});
if (!parsed.ok) throw new Error("fixture should be valid");
const campaign: Campaign = parsed.campaign;

let db: Database;
let collector: Collector;
let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  // the migrated snapshot instead of initdb and every migration (which outran the hook's timeout on a busy machine)
  db = await openTestPglite();
  await storeLead(db, campaign, { visitorId: "v-an", email: "an@example.com", phone: "0912 345 678" }, Date.parse("2027-01-20T00:00:00Z"));
  await storeLead(db, campaign, { visitorId: "v-binh", email: "binh@example.com" }, Date.parse("2027-01-21T00:00:00Z"));
  await storeLead(db, campaign, { visitorId: "v-chi", email: "chi@example.com", name: HOSTILE_NAME }, Date.parse("2027-01-22T00:00:00Z"));
  collector = createCollector({ database: db, campaigns: [campaign], adminToken: TOKEN, log: () => {} });
  const listening = await collector.listen(0);
  url = `http://127.0.0.1:${listening.port}`;
  stop = listening.close;
});
afterAll(async () => {
  await stop?.();
  await collector?.close();
  await db?.close();
});

/** a name a visitor typed to act on the terminal of whoever exports it: CSI (C1) clear screen, OSC window title, CR */
const HOSTILE_NAME = "Chi\u009b2J\u001b]0;owned\u0007\rX\u202egpj.exe\u2028";

/** the installed command as a person runs it: its own process, writing to real pipes */
function bin(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, ["bin/minigame.js", ...argv], { cwd: root, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function leads(...argv: string[]) {
  const io = captureIo();
  const code = await main(["leads", ...argv], io);
  return { code, ...io };
}

describe("minigame leads", () => {
  it("exports one person's leads with their consent record as JSON", async () => {
    const r = await leads("export", "--collector", `${url}/v1/events`, "--phone", "+84 912-345-678", "--token", TOKEN);
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout.join("\n"));
    expect(data.leads).toEqual([
      expect.objectContaining({
        campaignId: "cli-leads",
        visitorId: "v-an",
        email: "an@example.com",
        consent: expect.objectContaining({ version: "default-vi-1" }),
      }),
    ]);
  });

  it("writes what a visitor typed with terminal controls escaped, and the JSON still holds it exactly", async () => {
    const r = await bin("leads", "export", "--collector", url, "--email", "chi@example.com", "--token", TOKEN);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028-\u202e]/);
    expect(r.stdout).toContain(String.raw`"name": "Chi\u009b2J\u001b]0;owned\u0007\rX\u202egpj.exe\u2028"`);
    expect(JSON.parse(r.stdout).leads).toEqual([expect.objectContaining({ name: HOSTILE_NAME })]);
  });

  it("erases only with --yes, and only that person", async () => {
    const dry = await leads("delete", "--collector", url, "--email", "AN@example.com", "--token", TOKEN);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toEqual(["would erase 1 lead of this person; run again with --yes to erase"]);
    const r = await leads("delete", "--collector", url, "--email", "AN@example.com", "--token", TOKEN, "--yes");
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual(["erased 1 lead; draws stay as prize accounting, with no contact data attached"]);
    const rows = await db.query<{ visitor_id: string }>("SELECT visitor_id FROM leads ORDER BY visitor_id");
    expect(rows.map((x) => x.visitor_id)).toEqual(["v-binh", "v-chi"]);
  });

  it("names the webhook deliveries that still carry a person whose lead a later form overwrote, and erases them", async () => {
    // what the outbox keeps of a lead that the same browser then sent again with another email
    const payload = JSON.stringify({
      type: "lead",
      timestamp: "2027-01-23T00:00:00.000Z",
      data: { visitorId: "v-binh", email: "dung@example.com" },
    });
    await db.query(
      `INSERT INTO webhook_deliveries (message_id, endpoint_id, event_type, campaign_id, payload, created_at, next_attempt_at)
       VALUES ('msg_overwritten', 'crm', 'lead', 'cli-leads', $1, 0, 0)`,
      [payload],
    );
    const dry = await leads("delete", "--collector", url, "--email", "dung@example.com", "--token", TOKEN);
    expect(dry.stderr).toEqual(["would erase 0 leads and 1 webhook delivery of this person; run again with --yes to erase"]);
    const r = await leads("delete", "--collector", url, "--email", "dung@example.com", "--token", TOKEN, "--yes");
    expect(r.stdout).toEqual(["erased 0 leads and 1 webhook delivery; draws stay as prize accounting, with no contact data attached"]);
    expect(await db.query("SELECT 1 FROM webhook_deliveries WHERE message_id = 'msg_overwritten'")).toEqual([]);
  });

  it("explains a wrong command line, a wrong token and an unreachable collector", async () => {
    expect((await leads("export", "--collector", url)).code).toBe(2);
    expect((await leads("export", "--collector", url, "--email", "a@example.com", "--phone", "0912345678")).code).toBe(2);
    expect((await leads("purge", "--collector", url, "--email", "a@example.com")).code).toBe(2);
    const denied = await leads("export", "--collector", url, "--email", "a@example.com", "--token", "wrong");
    expect(denied.code).toBe(1);
    expect(denied.stderr[0]).toMatch(/^the collector answered 401: /);
    expect(denied.stderr[1]).toBe(
      "people's data needs the collector's admin token: pass --token or set MINIGAME_TOKEN (or MINIGAME_ADMIN_TOKEN)",
    );
    const away = await leads("export", "--collector", "http://127.0.0.1:9", "--email", "a@example.com", "--token", TOKEN);
    expect(away.code).toBe(1);
    expect(away.stderr[0]).toMatch(/^cannot reach the collector at http:\/\/127\.0\.0\.1:9 \(/);
  });
});
