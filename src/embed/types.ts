// what embed needs from mount(): a structural view, so auto-init and the stub queue build and test on their own
import type { Campaign, CampaignInput } from "../core/index.js";

export type WidgetEventType = "open" | "play" | "result" | "claim" | "lead" | "share" | "close" | "error";
export type WidgetListener = (payload: unknown) => void;

/** the handle mount() returns (src/embed/mount.ts) */
export type WidgetHandle = {
  on(type: WidgetEventType, listener: WidgetListener): unknown;
  off(type: WidgetEventType, listener: WidgetListener): unknown;
  open(): void;
  close(): void;
  destroy(): void;
};

export type EmbedMountOptions = {
  campaign: Campaign | CampaignInput;
  collector?: { endpoint: string };
  visitorId?: string;
  memberToken?: string;
  mode?: "client" | "server";
  drawUrl?: string;
  locale?: "vi" | "en";
  placement?: "inline" | "modal";
};

export type MountFunction = (target: Element | string, options: EmbedMountOptions) => WidgetHandle;
