import "server-only";
// Participant tokens: random, given once to the browser, stored only as a hash.
import crypto from "node:crypto";

export function newParticipantToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export const participantCookieName = (slug: string) => `ms_p_${slug}`;
