import { describe, expect, it } from "vitest";
import { redactEndpoint } from "./dispatcher.js";

describe("redactEndpoint", () => {
  const url = "https://hooks.example.com/services/T0AAA/B0BBB/xoxb-path-token?k=q";

  it("takes the endpoint's URL, path and query out of an error, whichever form it is in", () => {
    expect(redactEndpoint(`TypeError: Failed to parse URL from ${url}`, url)).toBe("TypeError: Failed to parse URL from <endpoint url>");
    expect(redactEndpoint("answered 404: Cannot POST /services/T0AAA/B0BBB/xoxb-path-token?k=q", url)).toBe(
      "answered 404: Cannot POST <endpoint path>",
    );
    expect(redactEndpoint("answered 404: no route /services/T0AAA/B0BBB/xoxb-path-token", url)).toBe(
      "answered 404: no route <endpoint path>",
    );
    expect(redactEndpoint("answered 400: bad query k=q", url)).toBe("answered 400: bad query <endpoint path>");
  });

  it("leaves an error that names no part of the URL as it is", () => {
    const text = "Error: connect ECONNREFUSED 127.0.0.1:9";
    expect(redactEndpoint(text, "http://127.0.0.1:9/")).toBe(text);
  });
});
