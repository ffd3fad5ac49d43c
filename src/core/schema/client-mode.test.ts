import { describe, expect, it } from "vitest";
import { parseCampaign } from "./parse.js";
import { problems, wheel } from "../../../tests/helpers/core/campaigns.js";

const SERVER = 'set "mode": "server" so the collector enforces it for everyone';

describe("client mode refuses promises only a server can keep", () => {
  it("names stock, dailyCap, codes and codeGenerator, each pointing to server mode, with every other problem at once", () => {
    const prizes = [
      { id: "phone", label: "Phone", weight: 1, stock: 2, dailyCap: 1 },
      { id: "pool", label: "Pool", weight: 1, codes: ["A1", "A2"] },
      { id: "gen", label: "Generated", weight: 1, codeGenerator: { prefix: "G-" } },
      { id: "none", label: "Next time", weight: -1, win: false },
    ];
    const found = problems(wheel({ mode: "client", prizes }));
    expect(found).toEqual(
      expect.arrayContaining([
        `prizes[0].stock: a stock can only be kept by the collector: in client mode every browser counts its own; ${SERVER}, or remove stock`,
        `prizes[0].dailyCap: a daily cap can only be kept by the collector: in client mode every browser counts its own; ${SERVER}, or remove dailyCap`,
        expect.stringMatching(
          /^prizes\[1\]\.codes: a code pool can only be handed out by the collector: .*"mode": "server".*shared "code"$/,
        ),
        expect.stringMatching(/^prizes\[2\]\.codeGenerator: codes generated in the browser cannot be checked .*"mode": "server"/),
        "prizes[3].weight: must be ≥ 0, got -1",
      ]),
    );
  });

  it("treats a campaign without mode as client mode", () => {
    const { mode: _mode, ...doc } = wheel();
    expect(problems(doc)).toEqual([expect.stringMatching(/^prizes\[0\]\.stock: /)]);
    const r = parseCampaign({ ...doc, prizes: [{ id: "gift", label: "Gift", weight: 1 }, doc.prizes[1]] });
    expect(r.ok && r.campaign.mode).toBe("client");
  });

  it("accepts the same prizes in server mode", () => {
    const prizes = [
      { id: "phone", label: "Phone", weight: 1, stock: 2, dailyCap: 1 },
      { id: "pool", label: "Pool", weight: 1, codes: ["A1", "A2"] },
      { id: "gen", label: "Generated", weight: 1, codeGenerator: { prefix: "G-" } },
      { id: "none", label: "Next time", weight: 1, win: false },
    ];
    expect(problems(wheel({ mode: "server", prizes }))).toEqual([]);
  });

  it("allows one shared code for everyone, on winning prizes only and not beside a pool or a generator", () => {
    const ok = [
      { id: "off10", label: "10% off", weight: 1, code: "TET10" },
      { id: "none", label: "Next time", weight: 1, win: false },
    ];
    expect(problems(wheel({ mode: "client", prizes: ok }))).toEqual([]);
    const bad = [
      { id: "off10", label: "10% off", weight: 1, code: "TET10", codeGenerator: {} },
      { id: "none", label: "Next time", weight: 1, win: false, code: "NOPE" },
    ];
    expect(problems(wheel({ mode: "server", prizes: bad }))).toEqual([
      "prizes[0]: has code and codeGenerator; use one",
      'prizes[1].code: is given to winners only; remove it or set "win": true',
    ]);
  });
});
