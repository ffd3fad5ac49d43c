// minigame schema: the campaign JSON Schema, for editors and other validators
import { campaignJsonSchema } from "./json-schema.js";
import { EXIT, processIo, type Command } from "./command.js";

export const command: Command = {
  name: "schema",
  summary: "print the campaign JSON Schema (the same as campaign.schema.json)",
  async run(argv, io = processIo) {
    if (argv.length) {
      io.err(`minigame schema: unexpected argument ${JSON.stringify(argv[0])} (it takes none)`);
      return EXIT.usage;
    }
    io.out(JSON.stringify(campaignJsonSchema(), null, 2));
    return EXIT.ok;
  },
};
