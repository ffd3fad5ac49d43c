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
    expect(config.endpoints[0]!.id).toBe("crm.example");
  });

  it("refuses a URL with a user name or password, naming the endpoint and never echoing the password", () => {
    const found = problems({
      endpoints: [
        { url: "https://crm.example/h", secret, events: ["lead"] },
        { id: "pos", url: "https://shop:S3cr3tPass@pos.example/hook", secret, events: ["claim"] },
        { url: "https://token@chat.example/hook", secret, events: ["win"] },
      ],
    });
    expect(found).toEqual([
      'webhooks.endpoints.1.url (endpoint "pos"): must not carry a user name or password (user:password@host): such a URL can never be delivered to',
      "webhooks.endpoints.2.url: must not carry a user name or password (user:password@host): such a URL can never be delivered to",
    ]);
    expect(found.join("\n")).not.toMatch(/S3cr3tPass|token@/);
  });

  it("defaults the id to the URL's host, and asks for ids when two endpoints share one", () => {
    const config = parseWebhookConfig({
      endpoints: [
        { url: "https://hooks.example.com:8443/services/T0AAA/B0BBB/xoxb-path-token?k=q", secret, events: ["win"] },
        { id: "crm", url: "https://hooks.example.com/crm", secret, events: ["lead"] },
      ],
    });
    expect(config.endpoints.map((e) => e.id)).toEqual(["hooks.example.com:8443", "crm"]);
    expect(
      problems({
        endpoints: [
          { url: "https://hooks.example.com/a", secret, events: ["win"] },
          { url: "https://hooks.example.com/b", secret, events: ["claim"] },
        ],
      }),
    ).toEqual([
      'webhooks.endpoints.1.id: "hooks.example.com" is used twice (the default id is the URL\'s host): give each endpoint on that host an id',
    ]);
  });
});
