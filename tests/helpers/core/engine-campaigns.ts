// campaigns for the engine's tests and benchmarks
import type { Campaign, CampaignInput } from "../../../src/core/schema/campaign.js";
import { parseCampaign } from "../../../src/core/schema/parse.js";
import { formatIssue } from "../../../src/core/schema/issues.js";

/**
 * A valid campaign with the schema's defaults filled in; throws with every issue when `overrides` break it.
 * Server mode, where the engine keeps stock, caps and codes (client mode refuses them).
 */
export function testCampaign(overrides: Partial<CampaignInput> = {}): Campaign {
  const parsed = parseCampaign({
    id: "test",
    game: "wheel",
    mode: "server",
    timezone: "Asia/Ho_Chi_Minh",
    prizes: [
      { id: "a", label: "A", weight: 1 },
      { id: "none", label: "None", weight: 1, win: false },
    ],
    fallbackPrizeId: "none",
    ...overrides,
  });
  if (!parsed.ok) throw new Error(`test campaign is invalid:\n${parsed.issues.map(formatIssue).join("\n")}`);
  return parsed.campaign;
}

/** `count` prizes with weights `1..count` (the last one a non-win fallback), for benchmarks */
export function manyPrizes(count: number, limited = false): CampaignInput["prizes"] {
  return Array.from({ length: count }, (_, i) =>
    i === count - 1
      ? { id: "none", label: "None", weight: count, win: false }
      : { id: `p${i}`, label: `Prize ${i}`, weight: i + 1, ...(limited ? { stock: 1_000_000_000 } : {}) },
  );
}
