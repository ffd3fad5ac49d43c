import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { captureIo } from "../../tests/helpers/cli/capture-io.js";

describe("minigame schema", () => {
  it("prints the committed campaign.schema.json", async () => {
    const io = captureIo();
    expect(await main(["schema"], io)).toBe(0);
    const committed = readFileSync(new URL("../../campaign.schema.json", import.meta.url), "utf8");
    expect(`${io.stdout.join("\n")}\n`).toBe(committed);
    expect(JSON.parse(io.stdout.join("\n")).title).toBe("minigame-sdk campaign");
  });
});
