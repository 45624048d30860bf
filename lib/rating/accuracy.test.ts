import { describe, expect, it } from "vitest";
import { correctDirection, directionOf, gainTruthOf, isDirectionCorrect, isMagnitudeCorrect, magnitudeBand } from "./accuracy";

describe("direction accuracy", () => {
  it("a track made louder should be lowered, one made quieter raised", () => {
    expect(correctDirection(4)).toBe("lower");
    expect(correctDirection(-6)).toBe("raise");
    expect(correctDirection(0)).toBe("leave");
  });
  it("an error below the leave threshold should be left", () => {
    expect(correctDirection(1.5, 2)).toBe("leave");
    expect(correctDirection(-1.99, 2)).toBe("leave");
    expect(correctDirection(2, 2)).toBe("lower"); // at the threshold it needs a change
  });
  it("scores answers, accepting synonyms and skipping what names no direction", () => {
    const t = { track: "vocals", gainDb: 4 };
    expect(isDirectionCorrect("lower", t)).toBe(true);
    expect(isDirectionCorrect("decrease", t)).toBe(true);
    expect(isDirectionCorrect("raise", t)).toBe(false);
    expect(isDirectionCorrect("leave", t)).toBe(false);
    expect(isDirectionCorrect("purple", t)).toBeNull();
    expect(isDirectionCorrect("leave", { track: "x", gainDb: 1 }, 2)).toBe(true);
    expect(directionOf("Leave as is")).toBe("leave");
  });
});

describe("magnitude accuracy with bands [3, 6]", () => {
  it("puts |error| in slight (< 3), moderate (3..6) or a lot (> 6), edges included in moderate", () => {
    expect(magnitudeBand(2.99, [3, 6])).toBe(0);
    expect(magnitudeBand(-3, [3, 6])).toBe(1);
    expect(magnitudeBand(3, [3, 6])).toBe(1);
    expect(magnitudeBand(6, [3, 6])).toBe(1);
    expect(magnitudeBand(-6.01, [3, 6])).toBe(2);
    expect(magnitudeBand(9, [3, 6])).toBe(2);
  });
  it("is correct when the chosen band matches, null when nothing needs changing", () => {
    expect(isMagnitudeCorrect(1, { track: "bass", gainDb: -4 }, [3, 6])).toBe(true);
    expect(isMagnitudeCorrect(2, { track: "bass", gainDb: -4 }, [3, 6])).toBe(false);
    expect(isMagnitudeCorrect(2, { track: "bass", gainDb: 8 }, [3, 6])).toBe(true);
    expect(isMagnitudeCorrect(0, { track: "bass", gainDb: 1 }, [3, 6], 2)).toBeNull();
  });
});

describe("gainTruthOf", () => {
  it("reads the stored { track, gain_db } and refuses other shapes", () => {
    expect(gainTruthOf({ track: "drums", gain_db: -3 })).toEqual({ track: "drums", gainDb: -3 });
    expect(gainTruthOf({ track: "drums" })).toBeNull();
    expect(gainTruthOf("x")).toBeNull();
  });
});
