// who a visitor is: minted ids, lead and member subjects, per-address counters
export { leadSubject, normalizeEmail, normalizePhone } from "./contact.js";
export { createMemberVerifier, readPublicKey, type MemberJwtOptions, type MemberVerifier } from "./member-token.js";
export {
  countShare,
  findByReferral,
  findIdentity,
  insertIdentity,
  setSubject,
  subjectSeen,
  takeAddressAllowance,
  type Identity,
} from "./store.js";
