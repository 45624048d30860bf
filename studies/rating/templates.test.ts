import { describe, expect, it } from "vitest";
import { loadTemplate } from "../registry";

describe("rating templates", () => {
  it("Mixing Buddy: three 5-point Likert criteria, direction and magnitude with ground truth, feedback, full mix required", () => {
    const c = loadTemplate("mixing-buddy-ratings");
    if (c.mode !== "rating") throw new Error("not a rating study");
    expect(c.criteria.map((x) => [x.id, x.scale.kind])).toEqual([
      ["effectiveness", "likert"], ["actionability", "likert"], ["conventions", "likert"], ["direction", "categorical"], ["magnitude", "categorical"],
    ]);
    expect(c.criteria.map((x) => (x.scale.kind === "categorical" ? x.scale.groundTruth : null))).toEqual([null, null, null, "direction", "magnitude"]);
    expect(c.criteria.map((x) => x.short)).toEqual(["Effectiveness", "Actionability", "Conventions", "Direction", "Magnitude"]);
    expect(c.feedback.enabled).toBe(true);
    expect(c.listening.requireMixPlayed).toBe("full");
    expect(c.accuracy.magnitudeBandsDb).toEqual([3, 6]);
  });
  it("MixAssist coding: the three F.4 yes/no codes on one response", () => {
    const c = loadTemplate("mixassist-coding");
    if (c.mode !== "rating") throw new Error("not a rating study");
    expect(c.criteria.map((x) => x.scale.kind)).toEqual(["binary", "binary", "binary"]);
    expect(c.systems).toHaveLength(1);
  });
});
