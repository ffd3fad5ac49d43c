// the admin API's answers as types: the collector builds them (routes/admin.ts, storage/inventory.ts) and the dashboard
// reads them (dashboard/api.ts), so both sides are checked against one definition
import type { Campaign } from "../schema/index.js";

/** a campaign as GET /v1/campaigns lists it */
export type CampaignSummary = {
  id: string;
  title: string | null;
  game: Campaign["game"];
  mode: Campaign["mode"];
  locale: Campaign["locale"];
  timezone: string;
  schedule: { startsAt: string | null; endsAt: string | null };
  /** the schedule as days (YYYY-MM-DD) in the campaign time zone, null when open-ended */
  firstDay: string | null;
  lastDay: string | null;
  /** today in the campaign time zone */
  today: string;
  status: "upcoming" | "running" | "ended";
  testMode: boolean;
  prizes: number;
};

/** GET /v1/campaigns/:id/inventory, one prize */
export type PrizeInventory = {
  id: string;
  label: string;
  win: boolean;
  weight: number;
  /** weight / Σ weights: the configured chance while every prize can still be given */
  odds: number;
  /** units the prize can ever give (its stock, bounded by its code pool), null when unlimited */
  stock: number | null;
  dailyCap: number | null;
  given: number;
  givenToday: number;
  /** stock − given, null for unlimited stock */
  left: number | null;
};

export type Inventory = {
  /** today in the campaign time zone, the day `givenToday` counts */
  today: string;
  /** "draws": the collector's own ledger (server mode); "events": winning results the browsers reported (client mode) */
  source: "draws" | "events";
  prizes: PrizeInventory[];
};
