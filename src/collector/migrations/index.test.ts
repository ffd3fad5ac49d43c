import { expect, it } from "vitest";
import { MIGRATIONS, splitStatements } from "./index.js";

it("splits migrations into statements without comments", () => {
  expect(splitStatements("CREATE TABLE a (x int); -- why; it matters\nCREATE INDEX b ON a (x);\n")).toEqual([
    "CREATE TABLE a (x int)",
    "CREATE INDEX b ON a (x)",
  ]);
});

it("numbers migrations 1, 2, 3… with no gap", () => {
  expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
});
