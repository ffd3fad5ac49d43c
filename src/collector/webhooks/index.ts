// outgoing webhooks (Standard Webhooks): configuration, the transactional outbox, and its dispatcher
import type { Database, Queryable } from "../storage/types.js";
import type { WebhookConfig, WebhookEndpoint } from "./config.js";
import { startDispatcher, type Dispatcher } from "./dispatcher.js";
import { enqueue, type WebhookFact } from "./outbox.js";

export {
  loadWebhookConfig,
  parseWebhookConfig,
  WEBHOOK_EVENTS,
  type WebhookConfig,
  type WebhookEndpoint,
  type WebhookEventType,
} from "./config.js";
export { backoff, redactEndpoint } from "./dispatcher.js";
export { adoptLegacyIds, countDeliveries, listDeliveries, type DeliveryView, type WebhookFact } from "./outbox.js";

export type Webhooks = {
  endpoints: readonly WebhookEndpoint[];
  /** add the deliveries of a fact in the caller's transaction (nothing when no endpoint wants its type) */
  enqueue(tx: Queryable, fact: WebhookFact): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Webhooks for a collector: `enqueue` inside the fact's transaction, a background dispatcher when endpoints exist.
 * @example await webhooks.enqueue(tx, { type: "claim", campaignId, data: { drawId } });
 */
export function createWebhooks(o: {
  db: Database;
  config?: WebhookConfig & { endpoints: WebhookEndpoint[] };
  now: () => number;
  log: (line: Record<string, string | number | boolean | null>) => void;
}): Webhooks {
  const endpoints = o.config?.endpoints ?? [];
  const dispatcher: Dispatcher | null = endpoints.length ? startDispatcher({ db: o.db, config: o.config!, now: o.now, log: o.log }) : null;
  return {
    endpoints,
    async enqueue(tx, fact) {
      if ((await enqueue(tx, endpoints, o.now(), fact)) > 0) dispatcher?.nudge();
    },
    stop: async () => dispatcher?.stop(),
  };
}
