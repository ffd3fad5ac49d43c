import { describe, expect, it } from "vitest";
import { connectionOptions } from "./connection.js";

describe("connectionOptions", () => {
  it("takes the credentials out of the NATS URLs, which the client would not read", () => {
    expect(connectionOptions("nats://collector:s%40cret@nats-1:4222, nats://collector:s%40cret@nats-2:4222")).toEqual({
      servers: ["nats://nats-1:4222", "nats://nats-2:4222"],
      user: "collector",
      pass: "s@cret",
    });
    expect(connectionOptions("nats://t0ken@nats:4222")).toEqual({ servers: ["nats://nats:4222"], token: "t0ken" });
    expect(connectionOptions("127.0.0.1:4222,nats://nats:4222")).toEqual({ servers: ["127.0.0.1:4222", "nats://nats:4222"] });
    expect(connectionOptions("nats://nats:4222", "SUAM").authenticator).toBeTypeOf("function");
  });
});
