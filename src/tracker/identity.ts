// visitor and session ids: first-party, in storage only once consent allows it
import { readJSON, type KV } from "./storage.js";
import { uuidv7 } from "./uuid.js";

export const SESSION_IDLE_MS = 30 * 60_000;
const VISITOR_KEY = "mg:v";
const SESSION_KEY = "mg:s";

type Session = { id: string; seq: number; last: number };

/**
 * Who is playing: a stable visitor id and a session that ends after 30 idle minutes, with a per-session sequence number.
 * @example const who = createIdentity({ kv, now, random }); who.next().seq // 0
 */
export function createIdentity(o: { kv: KV; now: () => number; random: () => number; visitorId?: string | undefined; persist: boolean }) {
  let persist = o.persist;
  const stored = o.kv.get(VISITOR_KEY);
  const visitorId = o.visitorId || (stored && stored.length <= 64 ? stored : uuidv7(o.now(), o.random));
  let session: Session = readJSON<Session>(o.kv, SESSION_KEY) ?? { id: uuidv7(o.now(), o.random), seq: 0, last: o.now() };
  if (typeof session.id !== "string" || typeof session.seq !== "number") session = { id: uuidv7(o.now(), o.random), seq: 0, last: o.now() };

  const save = () => {
    if (!persist) return;
    if (!o.visitorId && o.kv.get(VISITOR_KEY) !== visitorId) o.kv.set(VISITOR_KEY, visitorId);
    o.kv.set(SESSION_KEY, JSON.stringify(session));
  };

  save();

  const fresh = (t: number): Session => ({ id: uuidv7(t, o.random), seq: 0, last: t });

  return {
    visitorId,
    get sessionId() {
      if (o.now() - session.last > SESSION_IDLE_MS) session = fresh(o.now());
      return session.id;
    },
    /** the session for an event tracked now, and its sequence number */
    next(): { sessionId: string; seq: number } {
      const t = o.now();
      if (persist) {
        // another tab of the same visitor may have moved the shared session on
        const shared = readJSON<Session>(o.kv, SESSION_KEY);
        if (shared && typeof shared.seq === "number" && shared.last >= session.last) session = shared;
      }
      if (t - session.last > SESSION_IDLE_MS) session = fresh(t);
      const seq = session.seq;
      session = { id: session.id, seq: seq + 1, last: t };
      save();
      return { sessionId: session.id, seq };
    },
    setPersist(on: boolean) {
      persist = on;
      save();
    },
    /** consent withdrawn: take our ids out of storage */
    forget() {
      persist = false;
      if (!o.visitorId) o.kv.remove(VISITOR_KEY);
      o.kv.remove(SESSION_KEY);
    },
  };
}
