import { describe, expect, it } from "vitest";
import { loadTemplate } from "@/studies/registry";
import { canonicalJson, configHash, shortHash } from "./config-hash";

describe("configHash", () => {
  it("is the sha256 of the canonical JSON (value from sha256sum)", () => {
    // printf '%s' '{"a":1,"b":[2,{"c":"x","d":null}]}' | sha256sum
    expect(canonicalJson({ b: [2, { d: null, c: "x" }], a: 1 })).toBe('{"a":1,"b":[2,{"c":"x","d":null}]}');
    expect(configHash({ b: [2, { d: null, c: "x" }], a: 1 })).toBe("bc12a6800478621892dcd698236615e6024d73268ee0b7af703034a25e294c92");
    expect(shortHash("bc12a6800478621892dcd698236615e6024d73268ee0b7af703034a25e294c92")).toBe("bc12a680");
  });

  it("key order at any depth does not change it", () => {
    const config = loadTemplate("mixassist-pairwise") as unknown as Record<string, unknown>;
    const reversed = (v: unknown): unknown =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).reverse().map(([k, x]) => [k, reversed(x)]))
        : Array.isArray(v) ? v.map(reversed) : v;
    const shuffled = reversed(config);
    expect(Object.keys(shuffled as object)[0]).not.toBe(Object.keys(config)[0]);
    expect(configHash(shuffled)).toBe(configHash(config));
    expect(configHash(JSON.parse(JSON.stringify(config)))).toBe(configHash(config));
  });

  it("any value change does change it: a text, a number, null vs missing, array order, type", () => {
    const config = loadTemplate("mixassist-pairwise");
    const base = configHash(config);
    const variants = [
      { ...config, texts: { ...config.texts, instructions: `${config.texts.instructions} ` } },
      { ...config, design: { ...config.design, roundsPerParticipant: 11 } },
      { ...config, completion: { ...config.completion, redirectUrl: null } },
      { ...config, limits: { audioMaxMb: 50.5 } },
      { ...config, title: config.title.toUpperCase() },
    ];
    const hashes = variants.map(configHash);
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(variants.length);
    expect(configHash({ a: [1, 2] })).not.toBe(configHash({ a: [2, 1] }));
    expect(configHash({ a: 1 })).not.toBe(configHash({ a: "1" }));
    expect(configHash({ a: null })).not.toBe(configHash({}));
  });
});
