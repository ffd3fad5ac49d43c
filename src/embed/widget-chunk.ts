// the widget chunk (dist/chunks/widget.js): what the loader imports to mount a checked campaign; Preact, signals and
// the shell come with it, the game comes from its own chunk in parallel
export { mountCampaign } from "./mount-campaign.js";
