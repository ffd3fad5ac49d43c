import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, schemaText } from "../../scripts/build-schema.js";
import { FIELD_DESCRIPTIONS, campaignJsonSchema, schemaAt } from "./json-schema.js";

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema node is any JSON; the walker checks each field it reads
type Node = Record<string, any>;
const EXAMPLES = new URL("../../examples/campaigns/", import.meta.url);
const committed = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Node;

/**
 * The subset of JSON Schema the generator emits (type, enum, properties, required, additionalProperties,
 * items, bounds, pattern, anyOf), enough to check documents structurally without a validator dependency.
 */
function validate(schema: Node, value: unknown, path = ""): string[] {
  if (schema.anyOf) {
    const ok = (schema.anyOf as Node[]).some((s) => validate(s, value, path).length === 0);
    return ok ? [] : [`${path}: matches no alternative`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: not one of ${schema.enum.join(", ")}`];
  const type = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  const expected = schema.type as string | undefined;
  if (expected === "integer" ? !Number.isInteger(value) : expected && expected !== type)
    return [`${path}: expected ${expected}, got ${type}`];
  const errors: string[] = [];
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: too short`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: too long`);
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: too few items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: too many items`);
    if (schema.items) for (const [i, v] of value.entries()) errors.push(...validate(schema.items, v, `${path}[${i}]`));
  }
  if (type === "object") {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) errors.push(`${path}.${key}: missing`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) errors.push(...validate(sub, v, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
      else if (typeof schema.additionalProperties === "object") errors.push(...validate(schema.additionalProperties, v, `${path}.${key}`));
    }
  }
  return errors;
}

describe("campaign.schema.json", () => {
  it("is the file the build script writes today (run `npm run build:schema` after changing the zod schema)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(schemaText());
  });

  it("describes the fields campaign managers edit, at paths that exist", () => {
    const schema = campaignJsonSchema();
    for (const [path, text] of Object.entries(FIELD_DESCRIPTIONS)) {
      expect(schemaAt(schema, path)?.description, path).toBe(text);
    }
    expect(schema.title).toBe("minigame-sdk campaign");
  });

  it("lists the document's required fields and forbids unknown ones", () => {
    expect(committed.required.sort()).toEqual(["game", "id", "prizes"]);
    expect(committed.additionalProperties).toBe(false);
    expect(committed.properties.game.enum).toEqual(["wheel", "quiz"]);
  });

  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));
  for (const file of examples.filter((f) => f !== "broken.json")) {
    it(`accepts examples/campaigns/${file}`, () => {
      const doc = JSON.parse(readFileSync(new URL(file, EXAMPLES), "utf8"));
      expect(validate(committed, doc)).toEqual([]);
    });
  }

  it("rejects the structural mistakes of examples/campaigns/broken.json", () => {
    const doc = JSON.parse(readFileSync(new URL("broken.json", EXAMPLES), "utf8"));
    const errors = validate(committed, doc);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => e.includes(".prizes[1].weight"))).toBe(true);
  });

  it("rejects an unknown top-level field, as the editor will underline it", () => {
    const doc = JSON.parse(readFileSync(new URL("tet.json", EXAMPLES), "utf8"));
    expect(validate(committed, { ...doc, tiemzone: "UTC" })).toEqual([".tiemzone: not allowed"]);
  });
});
