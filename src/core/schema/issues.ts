// turns zod issues into sentences a campaign manager understands: `prizes[2].weight: must be ≥ 0, got -1`
import type { core } from "zod/mini";

export type CampaignIssue = {
  /** JSON path in the campaign file, such as `prizes[2].weight`; empty for the document itself */
  path: string;
  message: string;
};

type Path = ReadonlyArray<PropertyKey>;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `["prizes", 2, "weight"]` → `prizes[2].weight`; odd keys are quoted: `strings["cta label"]` */
export function formatPath(path: Path): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && !PLAIN_KEY.test(key)) out += `[${JSON.stringify(key)}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** one line per issue, as the CLI and the console print them */
export function formatIssue(issue: CampaignIssue): string {
  return `${issue.path || "(campaign)"}: ${issue.message}`;
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

function valueAt(root: unknown, path: Path): { found: boolean; value: unknown } {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key as PropertyKey)) {
      return { found: false, value: undefined };
    }
    node = (node as Record<PropertyKey, unknown>)[key as PropertyKey];
  }
  return { found: true, value: node };
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3; // suggest only near misses such as "weigth" → "weight"
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

function sizeMessage(issue: core.$ZodIssueTooBig | core.$ZodIssueTooSmall, got: unknown): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? (issue as core.$ZodIssueTooSmall).minimum : (issue as core.$ZodIssueTooBig).maximum);
  const cmp = small ? (issue.inclusive ? "≥" : ">") : issue.inclusive ? "≤" : "<";
  switch (issue.origin) {
    case "string":
      if (small && bound === 1) return "must not be empty";
      return `must be ${small ? "at least" : "at most"} ${bound} characters, got ${String(got).length}`;
    case "array":
      return `must have ${small ? "at least" : "at most"} ${bound} item${bound === 1 ? "" : "s"}, got ${Array.isArray(got) ? got.length : "?"}`;
    default:
      return `must be ${cmp} ${bound}, got ${describeValue(got)}`;
  }
}

/** translate one zod issue; `root` is the raw input, used to tell a missing field from a wrong one */
export function fromZodIssue(issue: core.$ZodIssue, root: unknown, knownKeys?: (path: Path) => readonly string[]): CampaignIssue[] {
  const path = formatPath(issue.path);
  const at = valueAt(root, issue.path);
  const got = at.value;
  switch (issue.code) {
    case "invalid_type":
      if (!at.found) return [{ path, message: "is required" }];
      return [{ path, message: `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(got)}` }];
    case "invalid_value":
      if (!at.found) return [{ path, message: "is required" }];
      return [
        {
          path,
          message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(got)}`,
        },
      ];
    case "too_small":
    case "too_big":
      return [{ path, message: sizeMessage(issue, got) }];
    case "invalid_format":
      if (issue.format === "datetime") {
        return [{ path, message: `must be a date and time with offset, such as 2027-01-20T00:00:00+07:00, got ${describeValue(got)}` }];
      }
      return [
        {
          path,
          message:
            issue.message === "Invalid input"
              ? `has the wrong format, got ${describeValue(got)}`
              : `${issue.message}, got ${describeValue(got)}`,
        },
      ];
    case "unrecognized_keys":
      // the path names the unknown field itself, so editors and the CLI point at the right line
      return issue.keys.map((key) => {
        const hint = knownKeys ? closest(key, knownKeys(issue.path)) : undefined;
        return { path: formatPath([...issue.path, key]), message: `is not a known field${hint ? ` (did you mean "${hint}"?)` : ""}` };
      });
    case "invalid_union": {
      if (!at.found) return [{ path, message: "is required" }];
      // zod already reports the branch whose type matched; here no type matched, so name the types that would
      const expected = new Set<string>();
      for (const i of issue.errors.flat()) {
        if (i.code === "invalid_type" && i.path.length === 0) expected.add(TYPE_NAMES[i.expected] ?? i.expected);
      }
      return [
        { path, message: `${expected.size ? `must be ${[...expected].join(" or ")}` : "has the wrong type"}, got ${describeValue(got)}` },
      ];
    }
    default:
      return [{ path, message: issue.message }];
  }
}
