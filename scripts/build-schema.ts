// writes campaign.schema.json at the package root from the zod schema (npm run build:schema)
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { campaignJsonSchema } from "../src/cli/json-schema.js";

export const SCHEMA_FILE = fileURLToPath(new URL("../campaign.schema.json", import.meta.url));

/** the exact text committed as campaign.schema.json */
export function schemaText(): string {
  return `${JSON.stringify(campaignJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
