export {
  campaignSchema,
  prizeSchema,
  questionSchema,
  quizSchema,
  displaySchema,
  codeGeneratorSchema,
  DEFAULT_PER_ADDRESS_PER_DAY,
  DEFAULT_POW_MAX_NUMBER,
} from "./campaign.js";
export type { Campaign, CampaignInput, Prize, Quiz, Question, Theme, DisplaySettings } from "./campaign.js";
export { parseCampaign, prizeCapacity, isLimited, type ParseResult } from "./parse.js";
export { formatIssue, formatPath, type CampaignIssue } from "./issues.js";
