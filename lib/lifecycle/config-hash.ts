// The configuration hash every export carries: sha256 of the config as canonical JSON (keys sorted, no spaces).
import crypto from "node:crypto";

/** JSON with object keys sorted at every depth; arrays keep their order, undefined members are left out (as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const s = JSON.stringify(value);
    return s === undefined ? "null" : s;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

/** sha256 hex of the canonical JSON: key order never changes it, any value change does. */
export function configHash(config: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(config), "utf8").digest("hex");
}

/** The short form shown on pages ("ab12cd34"). */
export const shortHash = (hash: string | null | undefined): string => (hash ?? "").slice(0, 8);
