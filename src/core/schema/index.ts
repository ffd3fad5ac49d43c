export {
  campaignSchema,
  prizeSchema,
  questionSchema,
  quizSchema,
  displaySchema,
  codeGeneratorSchema,
  consentSchema,
  DEFAULT_PER_ADDRESS_PER_DAY,
  DEFAULT_POW_MAX_NUMBER,
} from "./campaign.js";
export type { Campaign, CampaignInput, Prize, Quiz, Question, Theme, DisplaySettings } from "./campaign.js";
export { parseCampaign, prizeCapacity, isLimited, type ParseOptions, type ParseResult } from "./parse.js";
export { formatIssue, formatPath, type CampaignIssue } from "./issues.js";
export { safeUrl, type UrlKind } from "./url.js";
export { urlProblem } from "./url-problem.js";
export { DEFAULT_CONSENT, leadConsent, type LeadConsent } from "./consent.js";
