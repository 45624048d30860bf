import { describe, expect, it } from "vitest";
import { loadTemplate } from "@/studies/registry";
import { configHash } from "./config-hash";
import { planConfigChange } from "./version-rules";

const current = loadTemplate("mixassist-pairwise") as unknown as Record<string, unknown>;
const plan = (status: string, next: Record<string, unknown>, version = 1) =>
  planConfigChange({ status, version, current, next, currentHash: configHash(current), nextHash: configHash(next) });
const texts = current.texts as Record<string, unknown>;
const design = current.design as Record<string, unknown>;

describe("planConfigChange", () => {
  it("a draft is edited in place, whatever changes (the version stays)", () => {
    const next = { ...current, design: { ...design, roundsPerParticipant: 3 } };
    expect(plan("draft", next)).toEqual({ kind: "draft-edit", hash: configHash(next) });
  });

  it("a live study's text edit is the next version: 1 → 2, 4 → 5", () => {
    const next = { ...current, texts: { ...texts, instructions: "New instructions" } };
    expect(plan("live", next)).toEqual({ kind: "new-version", version: 2, hash: configHash(next) });
    expect(plan("live", next, 4)).toMatchObject({ kind: "new-version", version: 5 });
    const completion = { ...current, completion: { code: "NEW-CODE", redirectUrl: null, screenOutCode: "SO-1", screenOutRedirectUrl: null } };
    expect(plan("live", completion)).toMatchObject({ kind: "new-version", version: 2 });
    expect(plan("live", { ...current, limits: { audioMaxMb: 10 }, statistics: { seed: "x", bootstrapResamples: 2000 } })).toMatchObject({ kind: "new-version" });
  });

  it("a live study refuses design and systems changes, naming them", () => {
    const out = plan("live", { ...current, design: { ...design, judgmentsPerItem: 2 }, systems: { generated: "ltu", reference: "expert" } });
    expect(out).toMatchObject({ kind: "refused", frozen: ["design", "systems"] });
    expect(out.kind === "refused" && out.reason).toMatch(/frozen.*design, systems/);
  });

  it("the same config (even with keys in another order) changes nothing", () => {
    const reordered = Object.fromEntries(Object.entries(current).reverse());
    expect(plan("live", reordered)).toEqual({ kind: "unchanged" });
    expect(plan("draft", { ...current })).toEqual({ kind: "unchanged" });
  });

  it("a closed study refuses every change", () => {
    expect(plan("closed", { ...current, title: "x" })).toMatchObject({ kind: "refused" });
    expect(plan("closed", current)).toMatchObject({ kind: "refused" });
  });
});
