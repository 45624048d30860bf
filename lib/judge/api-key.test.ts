import { describe, expect, it } from "vitest";
import { apiKeyHint, decryptApiKey, encryptApiKey } from "./api-key";

const SECRET = "a-server-secret-of-some-length";

describe("judge API key at rest", () => {
  it("round-trips, with a fresh IV each time and no plaintext in the stored form", () => {
    const key = "sk-proj-abcdefghijklmnop1234";
    const a = encryptApiKey(key, SECRET);
    const b = encryptApiKey(key, SECRET);
    expect(a).not.toBe(b);
    expect(a).not.toContain("abcdefghijklmnop");
    expect(a.startsWith("v1.")).toBe(true);
    expect(decryptApiKey(a, SECRET)).toBe(key);
  });

  it("refuses another secret and tampered text", () => {
    const stored = encryptApiKey("sk-abcdefghijkl", SECRET);
    expect(() => decryptApiKey(stored, "another-secret-of-some-length")).toThrow(/server secret/);
    const parts = stored.split(".");
    const ct = Buffer.from(parts[3], "base64url");
    ct[0] ^= 1;
    expect(() => decryptApiKey([...parts.slice(0, 3), ct.toString("base64url")].join("."), SECRET)).toThrow();
    expect(() => decryptApiKey("garbage", SECRET)).toThrow(/format/);
    expect(() => encryptApiKey("x", "short")).toThrow(/16 characters/);
  });

  it("hints show the prefix and last four only", () => {
    expect(apiKeyHint("sk-proj-abcdefghijklmnop1234")).toBe("sk-…1234");
    expect(apiKeyHint("gsk_abcdefghijklmnopqr")).toBe("…opqr");
    expect(apiKeyHint("short-key")).toBe("…ey");
  });
});
