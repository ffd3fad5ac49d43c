// the collector's webhook configuration (never the campaign file: it holds secrets and the brand's CRM addresses)
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";
import * as z from "zod/mini";

export const WEBHOOK_EVENTS = ["lead", "win", "claim"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

const endpointSchema = z.strictObject({
  /** a stable name for the endpoint; deliveries are kept per id (default: the URL's host) */
  id: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  url: z.string().check(z.regex(/^https?:\/\/[^\s]+$/, "must be an http(s) URL")),
  /** the signing secret, `whsec_` and base64 as Standard Webhooks defines it */
  secret: z.string().check(z.regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, "must be whsec_ followed by base64 (at least 12 bytes)")),
  events: z.array(z.enum(WEBHOOK_EVENTS)).check(z.minLength(1)),
});

export const webhookConfigSchema = z.strictObject({
  endpoints: z.array(endpointSchema),
  /** first retry delay in ms (default 5 s), doubled per attempt up to maxDelayMs (default 1 h) */
  retryBaseMs: z.optional(z.int().check(z.minimum(1))),
  maxDelayMs: z.optional(z.int().check(z.minimum(1))),
  /** how often an idle dispatcher looks for due deliveries (default 1 s) */
  pollMs: z.optional(z.int().check(z.minimum(10))),
  /** per-request timeout (default 10 s) */
  timeoutMs: z.optional(z.int().check(z.minimum(100))),
});

export type WebhookConfig = z.output<typeof webhookConfigSchema>;
export type WebhookEndpoint = z.output<typeof endpointSchema> & { id: string };

/**
 * Check a webhook configuration; every problem is reported with its path.
 * @example parseWebhookConfig({ endpoints: [{ url: "https://crm.example/hook", secret: "whsec_…", events: ["lead"] }] })
 */
export function parseWebhookConfig(value: unknown, where = "webhooks"): WebhookConfig & { endpoints: WebhookEndpoint[] } {
  const parsed = webhookConfigSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((i) => describeIssue(i, value, where));
    throw new Error(`invalid webhook configuration:\n${problems.join("\n")}`);
  }
  const problems: string[] = [];
  const endpoints = parsed.data.endpoints.map((e, i) => {
    const at = `${where}.endpoints.${i}.url${e.id ? ` (endpoint ${JSON.stringify(e.id)})` : ""}`;
    let url: URL | undefined;
    try {
      url = new URL(e.url);
    } catch {
      problems.push(`${at}: must be an http(s) URL`);
    }
    // named, never echoed: the message goes to logs and terminals
    if (url && (url.username || url.password))
      problems.push(`${at}: must not carry a user name or password (user:password@host): such a URL can never be delivered to`);
    // default id: the host, never the path or query (either may hold a token of the receiving system)
    return { ...e, id: e.id ?? url?.host ?? "" };
  });
  const ids = new Set<string>();
  endpoints.forEach((e, i) => {
    if (ids.has(e.id)) {
      const hint = parsed.data.endpoints[i]!.id ? "" : " (the default id is the URL's host): give each endpoint on that host an id";
      problems.push(`${where}.endpoints.${i}.id: "${e.id}" is used twice${hint}`);
    }
    ids.add(e.id);
  });
  if (problems.length) throw new Error(`invalid webhook configuration:\n${problems.join("\n")}`);
  // the library decodes the secret: a bad one fails here, at start, not at the first delivery
  for (const e of endpoints) new Webhook(e.secret);
  return { ...parsed.data, endpoints };
}

/**
 * The id an endpoint without one had before the default became the host: its URL without scheme, query and fragment.
 * Deliveries stored under it are moved to the endpoint's id, default or given, at start (outbox.ts, adoptLegacyIds).
 * @example legacyEndpointId("https://hooks.example.com/T0/B0?k=1") // "hooks.example.com/T0/B0"
 */
export const legacyEndpointId = (url: string) => url.replace(/[?#].*$/, "").replace(/^https?:\/\//, "");

// zod/mini carries no messages ("Invalid input"): say what is wrong the way the campaign file does
function describeIssue(issue: z.core.$ZodIssue, value: unknown, where: string): string[] {
  const at = (path: readonly PropertyKey[]) => [where, ...path.map(String)].join(".");
  const input = issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key], value);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => `${at([...issue.path, key])}: is not a known field`);
    case "invalid_value":
      return [`${at(issue.path)}: must be one of ${issue.values.join(", ")}, got ${JSON.stringify(input)}`];
    case "invalid_type":
      return [
        `${at(issue.path)}: ${input === undefined ? "is missing" : `must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}`}`,
      ];
    case "too_small":
      return [`${at(issue.path)}: ${issue.origin === "array" ? `needs at least ${issue.minimum}` : `must be ≥ ${issue.minimum}`}`];
    default:
      return [`${at(issue.path)}: ${issue.message}`];
  }
}

/**
 * Read a webhook configuration file (JSON).
 * @example loadWebhookConfig("/etc/minigame/webhooks.json")
 */
export function loadWebhookConfig(path: string): WebhookConfig & { endpoints: WebhookEndpoint[] } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read the webhook configuration ${path}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not JSON: ${(e as Error).message}`);
  }
  return parseWebhookConfig(value, path);
}
