// people's data in the collector: leads with their consent record, per-person export and erasure, retention
export { leadRoutes, personSelector } from "./routes.js";
export { startRetention, RETENTION_SWEEP_MS, type Retention, type RetentionOptions } from "./retention.js";
export {
  storeLead,
  findPerson,
  erasePerson,
  eraseExpiredLeads,
  campaignLeads,
  type PersonSelector,
  type PersonExport,
  type StoredLead,
  type PersonDraw,
} from "./store.js";
export { normalizePhone } from "./phone.js";
export type { PersonDelivery } from "./deliveries.js";
