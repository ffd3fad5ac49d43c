// the consent a lead form shows and the collector stores with the lead: one resolution, so both say the same words
import type { Campaign } from "./campaign.js";

export type LeadConsent = { text: string; version: string };

/** the built-in consent sentences, by locale; a new wording gets a new version */
export const DEFAULT_CONSENT: Readonly<Record<Campaign["locale"], LeadConsent>> = {
  vi: {
    text: "Tôi đồng ý để nhãn hàng lưu email hoặc số điện thoại của tôi để trao giải và gửi thông tin ưu đãi, và biết rằng tôi có thể yêu cầu xem hoặc xoá dữ liệu này bất cứ lúc nào.",
    version: "default-vi-1",
  },
  en: {
    text: "I agree that the brand keeps my email or phone number to deliver the prize and send offers, and I know I can ask to see or erase this data at any time.",
    version: "default-en-1",
  },
};

/**
 * The consent text shown next to the lead form's checkbox and its version: `lead.consent`, else the older
 * `lead.consentText` or a `strings["lead.consent"]` override (version "custom"), else the locale's default.
 * @example leadConsent(campaign) // { text: "Tôi đồng ý …", version: "default-vi-1" }
 */
export function leadConsent(campaign: Pick<Campaign, "lead" | "locale" | "strings">): LeadConsent {
  if (campaign.lead.consent) return campaign.lead.consent;
  const custom = campaign.lead.consentText || campaign.strings?.["lead.consent"];
  if (custom) return { text: custom, version: "custom" };
  return DEFAULT_CONSENT[campaign.locale];
}
