import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadCampaignFiles } from "./campaign-files.js";

const wheel = (id: string) =>
  JSON.stringify({
    id,
    game: "wheel",
    prizes: [
      { id: "a", label: "A", weight: 1 },
      { id: "b", label: "B", weight: 1 },
    ],
  });

it("reads every .json file of a directory and single files, in a stable order", () => {
  const dir = mkdtempSync(join(tmpdir(), "minigame-campaigns-"));
  writeFileSync(join(dir, "b.json"), wheel("second"));
  writeFileSync(join(dir, "a.json"), wheel("first"));
  writeFileSync(join(dir, "notes.txt"), "not a campaign");
  const single = join(mkdtempSync(join(tmpdir(), "minigame-campaigns-")), "c.json");
  writeFileSync(single, wheel("third"));
  const r = loadCampaignFiles([dir, single]);
  expect(r.ok && r.campaigns.map((c) => c.id)).toEqual(["first", "second", "third"]);
});

it("reports every problem at once: bad files, missing paths, empty directories and ids used twice", () => {
  const dir = mkdtempSync(join(tmpdir(), "minigame-campaigns-"));
  writeFileSync(join(dir, "a.json"), wheel("same"));
  writeFileSync(join(dir, "b.json"), wheel("same"));
  writeFileSync(join(dir, "c.json"), "{ not json");
  const empty = mkdtempSync(join(tmpdir(), "minigame-campaigns-"));
  const r = loadCampaignFiles([dir, "/no/such/file.json", empty]);
  expect(r.ok).toBe(false);
  expect(!r.ok && r.problems).toEqual([
    "/no/such/file.json: no such file or directory",
    `${empty}: no .json campaign files in this directory`,
    `${join(dir, "b.json")}: campaign id "same" is already used by ${join(dir, "a.json")}`,
    expect.stringMatching(new RegExp(`^${join(dir, "c.json")}: .*not valid JSON`)),
  ]);
});
