import { describe, expect, it } from "vitest";
import { problems, quiz, wheel } from "../../../tests/helpers/core/campaigns.js";

describe("parseCampaign messages for schema problems", () => {
  it("names the path, the rule and the value", () => {
    const prizes = [...wheel().prizes, { id: "x", label: "X", weight: -1 }];
    expect(problems(wheel({ prizes }))).toEqual(["prizes[2].weight: must be ≥ 0, got -1"]);
  });

  it("suggests the field a typo meant", () => {
    const doc = { ...wheel(), tiemzone: "UTC", prizes: [{ ...wheel().prizes[0], weigth: 2 }, wheel().prizes[1]] };
    expect(problems(doc).sort()).toEqual([
      'prizes[0].weigth: is not a known field (did you mean "weight"?)',
      'tiemzone: is not a known field (did you mean "timezone"?)',
    ]);
    expect(problems({ ...wheel(), banana: 1 })).toEqual(["banana: is not a known field"]);
  });

  it("tells a missing field from a wrong one", () => {
    expect(
      problems({
        id: "x",
        game: "wheel",
        prizes: [
          { id: "a", label: "A" },
          { id: "b", label: "B", weight: "2" },
        ],
      }),
    ).toEqual(["prizes[0].weight: is required", 'prizes[1].weight: must be a number, got "2"']);
  });

  it("lists the allowed values of a choice", () => {
    expect(problems(wheel({ game: "slots" }))).toEqual(['game: must be one of "wheel", "quiz", got "slots"']);
  });

  it("explains dates, whole numbers, lengths and colours", () => {
    const doc = wheel({
      schedule: { startsAt: "2027-01-20", endsAt: "2027-02-30T00:00:00Z" },
      limits: { perVisitor: { total: 1.5 } },
      theme: { primary: "red;}", segmentColors: [] },
      id: "",
    });
    expect(problems(doc)).toEqual([
      "id: must be 1–64 letters, digits, '_', '.' or '-', got \"\"",
      'schedule.startsAt: must be a date and time with offset, such as 2027-01-20T00:00:00+07:00, got "2027-01-20"',
      'schedule.endsAt: must be a date and time with offset, such as 2027-01-20T00:00:00+07:00, got "2027-02-30T00:00:00Z"',
      "limits.perVisitor.total: must be a whole number, got 1.5",
      'theme.primary: must be a CSS colour such as #d62828 or rgb(214, 40, 40), got "red;}"',
      "theme.segmentColors: must have at least 1 item, got 0",
    ]);
  });

  it("rejects text that is not JSON, and documents that are not objects", () => {
    expect(problems("{ id: 1")[0]).toMatch(/^\(campaign\): is not valid JSON \(/);
    expect(problems([])).toEqual(["(campaign): must be an object, got a list"]);
    expect(problems(null)).toEqual(["(campaign): must be an object, got null"]);
  });

  it("names the types a field accepts when it takes more than one", () => {
    const question = (answer: unknown) => quiz({ questions: [{ id: "q1", text: "?", choices: ["a", "b"], answer }] });
    expect(problems(question("b"))).toEqual(['quiz.questions[0].answer: must be a number or a list, got "b"']);
    expect(problems(question(1.5))).toEqual(["quiz.questions[0].answer: must be a whole number or a list, got 1.5"]);
    // a value of the right type gets the rule it broke
    expect(problems(question(-1))).toEqual(["quiz.questions[0].answer: must be ≥ 0, got -1"]);
  });

  it("quotes keys that are not plain names", () => {
    expect(problems(wheel({ strings: { "cta label": 5 } }))).toEqual(['strings["cta label"]: must be text, got 5']);
  });
});
