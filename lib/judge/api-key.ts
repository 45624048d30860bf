// Judge API keys at rest: AES-256-GCM under a key derived from the server secret, and the short hint shown instead.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const SALT = "mixstudy:judge-api-key";

/** 32 bytes from the server secret (HKDF-SHA256), so the sign-in secret itself never keys the cipher. */
function keyFrom(secret: string): Buffer {
  if (secret.length < 16) throw new Error("The server secret (NEXTAUTH_SECRET) must be at least 16 characters to store API keys.");
  return Buffer.from(hkdfSync("sha256", secret, SALT, "aes-256-gcm", 32));
}

/** "v1.<iv>.<tag>.<ciphertext>", each part base64url; a fresh 96-bit IV per call. */
export function encryptApiKey(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

/** The key back; throws when the secret changed or the text was tampered with (GCM authenticates it). */
export function decryptApiKey(stored: string, secret: string): string {
  const [version, iv, tag, ct] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error("The stored API key is not in a format this server knows.");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch (err) {
    throw new Error("The stored API key cannot be decrypted: the server secret (NEXTAUTH_SECRET) changed since the run was started.", { cause: err });
  }
}

/**
 * What the researcher sees of a key: its prefix up to the first dash and its last four characters,
 * "sk-…abcd"; short keys show only "…" and the last two, so most of the key is never shown.
 */
export function apiKeyHint(plain: string): string {
  const key = plain.trim();
  if (key.length < 12) return `…${key.slice(-2)}`;
  const dash = key.indexOf("-");
  const prefix = dash > 0 && dash <= 4 ? key.slice(0, dash + 1) : "";
  return `${prefix}…${key.slice(-4)}`;
}
