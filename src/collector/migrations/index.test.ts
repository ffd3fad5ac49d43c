import { expect, it } from "vitest";
import { MIGRATIONS, splitStatements } from "./index.js";

it("splits migrations into statements without comments", () => {
  expect(splitStatements("CREATE TABLE a (x int); -- why; it matters\nCREATE INDEX b ON a (x);\n")).toEqual([
    "CREATE TABLE a (x int)",
    "CREATE INDEX b ON a (x)",
  ]);
});

it("numbers migrations in ascending order, each version once (ranges per feature leave gaps)", () => {
  const versions = MIGRATIONS.map((m) => m.version);
  expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
  expect(versions.slice(0, 3)).toEqual([1, 2, 3]);
});
