// minigame schema: the campaign JSON Schema, for editors and other validators
import { campaignJsonSchema } from "./json-schema.js";
import { EXIT, processIo, type Command } from "./command.js";

export const command: Command = {
  name: "schema",
  summary: "print the campaign JSON Schema (the same as campaign.schema.json)",
  async run(_argv, io = processIo) {
    io.out(JSON.stringify(campaignJsonSchema(), null, 2));
    return EXIT.ok;
  },
};
