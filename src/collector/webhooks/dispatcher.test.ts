import { describe, expect, it } from "vitest";
import { describeAnswer, redactEndpoint } from "./dispatcher.js";

describe("redactEndpoint", () => {
  const url = "https://hooks.example.com/services/T0AAA/B0BBB/xoxb-path-token?k=q";

  it("takes the endpoint's URL, path and query out of an error, whichever form it is in", () => {
    expect(redactEndpoint(`TypeError: Failed to parse URL from ${url}`, url)).toBe("TypeError: Failed to parse URL from <endpoint url>");
    expect(redactEndpoint("Cannot POST /services/T0AAA/B0BBB/xoxb-path-token?k=q", url)).toBe("Cannot POST <endpoint path>");
    expect(redactEndpoint("no route /services/T0AAA/B0BBB/xoxb-path-token", url)).toBe("no route <endpoint path>");
    expect(redactEndpoint("bad query k=q", url)).toBe("bad query <endpoint path>");
  });

  it("takes out each path segment and query value on its own, raw, percent-decoded or HTML-escaped", () => {
    const crm = "https://crm.example.com/api/hooks?api_key=SK_live_51SECRET&list=7";
    expect(redactEndpoint('{"error":"invalid api_key SK_live_51SECRET"}', crm)).toBe('{"error":"invalid api_key <endpoint path>"}');
    expect(redactEndpoint("<p>No route for /api/hooks?api_key=SK_live_51SECRET&amp;list=7</p>", crm)).toBe(
      "<p>No route for <endpoint path></p>",
    );
    expect(redactEndpoint("unknown list 7 for key=SK_live_51SECRET", crm)).toBe("unknown list 7 for key=<endpoint path>");
    const slack = "https://hooks.example.com/T0/B0/xoxb%2Dsecret%26x";
    expect(redactEndpoint("Cannot POST /T0/B0/xoxb-secret&x", slack)).toBe("Cannot POST <endpoint path>");
    expect(redactEndpoint("token xoxb-secret&amp;x refused", slack)).toBe("token <endpoint path> refused");
    expect(redactEndpoint("value sk live", "https://x.example/h?v=sk+live")).toBe("value <endpoint path>");
  });

  it("leaves short segments (v1, api) and an error that names no part of the URL as they are", () => {
    const text = "Error: connect ECONNREFUSED 127.0.0.1:9";
    expect(redactEndpoint(text, "http://127.0.0.1:9/")).toBe(text);
    expect(redactEndpoint("api v1 down", "https://x.example/api/v1/endpoint")).toBe("api v1 down");
    // a segment that reads like a mark does not cut into one
    expect(redactEndpoint("Cannot POST /endpoint/path", "https://x.example/endpoint/path")).toBe("Cannot POST <endpoint path>");
  });
});

describe("describeAnswer", () => {
  it("keeps the status and its standard reason, whatever the receiver said", () => {
    expect(describeAnswer(404)).toBe("answered 404: Not Found");
    expect(describeAnswer(503)).toBe("answered 503: Service Unavailable");
    expect(describeAnswer(299 + 300)).toBe("answered 599");
  });
});
