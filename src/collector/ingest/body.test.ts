import { describe, expect, it } from "vitest";
import { readJsonBody } from "./body.js";

const post = (body: BodyInit, type = "text/plain") =>
  new Request("http://x/v1/events", { method: "POST", body, headers: { "content-type": type } });

describe("readJsonBody", () => {
  it("parses JSON sent as text/plain or application/json", async () => {
    expect(await readJsonBody(post('{"a":1}'), 100)).toEqual({ ok: true, value: { a: 1 } });
    expect(await readJsonBody(post('{"a":1}', "application/json; charset=utf-8"), 100)).toEqual({ ok: true, value: { a: 1 } });
  });

  it("answers 413 past the limit, whatever content-length claims", async () => {
    expect(await readJsonBody(post("x".repeat(101)), 100)).toMatchObject({ ok: false, status: 413 });
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode("y".repeat(80)));
        c.enqueue(new TextEncoder().encode("y".repeat(80)));
        c.close();
      },
    });
    const chunked = new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(await readJsonBody(chunked, 100)).toMatchObject({ ok: false, status: 413 });
  });

  it("names invalid UTF-8, empty bodies, bad JSON and other content types", async () => {
    expect(await readJsonBody(post(new Uint8Array([0x7b, 0xff, 0x7d])), 100)).toEqual({
      ok: false,
      status: 400,
      error: "body is not valid UTF-8",
    });
    expect(await readJsonBody(post(""), 100)).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/empty/) });
    expect(await readJsonBody(post("{oops"), 100)).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringMatching(/not valid JSON/),
    });
    expect(await readJsonBody(post("<a/>", "application/xml"), 100)).toMatchObject({ ok: false, status: 415 });
  });
});
