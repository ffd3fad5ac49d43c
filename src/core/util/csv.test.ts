import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.js";

describe("csv", () => {
  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const bad of ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]) expect(csvCell(bad).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it("keeps numbers, including negative ones, as numbers", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(0.25)).toBe("0.25");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("quotes commas, quotes and line breaks, and leaves Vietnamese text alone", () => {
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvCell("Nguyễn Văn Á")).toBe("Nguyễn Văn Á");
  });

  it("starts with a BOM and ends every row with CRLF", () => {
    expect(
      toCsv(
        ["day", "plays"],
        [
          ["2027-01-20", 31],
          [null, true],
        ],
      ),
    ).toBe("\uFEFFday,plays\r\n2027-01-20,31\r\n,true\r\n");
    expect(toCsv(["a"], [], { bom: false })).toBe("a\r\n");
  });
});
