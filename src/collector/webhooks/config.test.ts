import { describe, expect, it } from "vitest";
import { parseWebhookConfig } from "./config.js";

const secret = `whsec_${Buffer.from("config-test-signing-key-01234").toString("base64")}`;
const problems = (value: unknown) => {
  try {
    parseWebhookConfig(value);
  } catch (e) {
    return (e as Error).message.split("\n").slice(1);
  }
  return [];
};

describe("parseWebhookConfig", () => {
  it("says what is wrong at each path instead of zod's bare 'Invalid input'", () => {
    // the retry settings sit beside "endpoints", not inside an endpoint
    expect(problems({ endpoints: [{ url: "https://crm.example/h", secret, events: ["win"], retryBaseMs: 5000 }] })).toEqual([
      "webhooks.endpoints.0.retryBaseMs: is not a known field",
    ]);
    expect(problems({ endpoints: [{ url: "https://crm.example/h", secret, events: ["refund"] }], pollMs: 1 })).toEqual([
      'webhooks.endpoints.0.events.0: must be one of lead, win, claim, got "refund"',
      "webhooks.pollMs: must be ≥ 10",
    ]);
    expect(problems({ endpoints: [{ secret, events: [] }] })).toEqual([
      "webhooks.endpoints.0.url: is missing",
      "webhooks.endpoints.0.events: needs at least 1",
    ]);
    expect(problems({ endpoints: "crm" })).toEqual(["webhooks.endpoints: must be a list"]);
  });

  it("accepts the retry settings beside the endpoints", () => {
    const config = parseWebhookConfig({
      endpoints: [{ url: "https://crm.example/h", secret, events: ["lead"] }],
      retryBaseMs: 5000,
      maxDelayMs: 3_600_000,
      pollMs: 1000,
      timeoutMs: 10_000,
    });
    expect(config.endpoints[0]!.id).toBe("crm.example/h");
  });
});
