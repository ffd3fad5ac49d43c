// an app that bundles the SDK from npm: validate the campaign at build time's edge, mount, listen to results
import { mount, parseCampaign, formatIssue, type DrawResult } from "minigame-sdk";
import campaignJson from "../../campaigns/demo-wheel.json";

const parsed = parseCampaign(campaignJson);
if (!parsed.ok) throw new Error(`campaign is invalid:\n${parsed.issues.map(formatIssue).join("\n")}`);

const widget = mount("#slot", { campaign: parsed.campaign });
const output = document.querySelector<HTMLParagraphElement>("#result")!;

widget.on("result", (payload) => {
  // the DrawResult the engine decided before the wheel moved
  const result = payload as DrawResult;
  output.textContent =
    result.ok && result.win ? `You won ${result.prize?.label}${result.code ? ` — code ${result.code}` : ""}` : "No prize this time";
});
