// JSON over an http.Agent, for suites that bound their own sockets (keep-alive pools of a fixed size)
import { type Agent, request } from "node:http";

/**
 * POST JSON over `agent`; the answer's status and parsed body.
 * @example const { status, json } = await postJson(agent, `${url}/v1/campaigns/c/draw`, { visitorId });
 */
export function postJson(agent: Agent, url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}
