import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { parseJudgeCsv } from "./judge-csv";
import { MIXASSIST_TOPICS, makeJudgeCsvSample, makeMixAssistSample } from "./sample-data";

function catchImport(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}

const good = [
  "prompt,ground_truth,conversation_id,turn_id,topic,qwen_generation,ltu_generation,mullama_generation",
  'The kick is lost under the bass.,Cut the bass at 80 Hz.,group4_conv10,0,drums,Try EQ on the kick.,"Two things:',
  "1. cut 80 Hz",
  '2. boost 3 kHz",Raise the kick 2 dB.',
  "The snare is boxy.,Cut 500 Hz by 2 dB.,group4_conv10,1,drums,Add reverb.,Use a compressor.,Cut 500 Hz.",
  "",
].join("\n");

describe("parseJudgeCsv", () => {
  it("reads a judge CSV with three systems and a multi-line cell", () => {
    const { systems, items } = parseJudgeCsv(good);
    expect(systems).toEqual(["qwen", "ltu", "mullama"]);
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      externalId: "group4_conv10:0",
      line: 2,
      conversationId: "group4_conv10",
      turnId: 0,
      topic: "drums",
      split: null,
      history: [],
      userUtterance: "The kick is lost under the bass.",
      audioPath: null,
      candidates: [
        { system: "qwen", text: "Try EQ on the kick." },
        { system: "ltu", text: "Two things:\n1. cut 80 Hz\n2. boost 3 kHz" },
        { system: "mullama", text: "Raise the kick 2 dB." },
      ],
      groundTruth: "Cut the bass at 80 Hz.",
    });
    expect(items[1].externalId).toBe("group4_conv10:1");
  });

  it("adds the ground truth as a candidate when asked", () => {
    const { systems, items } = parseJudgeCsv(good, { includeGroundTruthAs: "expert" });
    expect(systems).toEqual(["qwen", "ltu", "mullama", "expert"]);
    expect(items[1].candidates.at(-1)).toEqual({ system: "expert", text: "Cut 500 Hz by 2 dB." });
  });

  it("reports the line where a record starts, after a multi-line cell", () => {
    const bad = good.replace("group4_conv10,1,", "group4_conv10,x,");
    const err = catchImport(() => parseJudgeCsv(bad));
    expect(err.issues).toEqual([{ line: 5, field: "turn_id", message: 'expected an integer ≥ 0, got "x"' }]);
  });

  it("reports a missing prompt column", () => {
    const err = catchImport(() => parseJudgeCsv("question,qwen_generation,ltu_generation\nHi,a,b\n"));
    expect(err.message).toBe('line 1, field "prompt": the judge CSV needs a prompt column');
  });

  it("rejects a file with only one system, naming what it found", () => {
    const err = catchImport(() => parseJudgeCsv("prompt,ground_truth,qwen_generation\nHi,there,a\n"));
    expect(err.issues).toEqual([{ line: 1, field: "", message: "only one system (qwen_generation); a listwise study needs at least 2" }]);
    // With the ground truth as the second candidate, one model against the reference is fine.
    expect(parseJudgeCsv("prompt,ground_truth,qwen_generation\nHi,there,a\n", { includeGroundTruthAs: "expert" }).systems).toEqual(["qwen", "expert"]);
  });

  it("reports a bad turn_id on line 4 and every other bad row at once", () => {
    const csv = [
      "conversation_id,turn_id,prompt,qwen_generation,ltu_generation",
      "c1,0,Hi,a,b",
      "c1,1,,a,b",
      "c1,one,Hi,a,b",
      "c1,0,Hi,a,",
    ].join("\n");
    const err = catchImport(() => parseJudgeCsv(csv));
    expect(err.issues).toEqual([
      { line: 3, field: "prompt", message: "required (empty)" },
      { line: 4, field: "turn_id", message: 'expected an integer ≥ 0, got "one"' },
      { line: 5, field: "ltu_generation", message: "the ltu generation is empty" },
      { line: 5, field: "", message: "duplicate row for c1 turn 0 (first on line 2)" },
    ]);
    expect(err.message).toContain('line 4, field "turn_id"');
  });

  it("works with two systems and no ids, keying rows by line", () => {
    const { systems, items } = parseJudgeCsv("prompt,qwen_generation,ltu_generation,audio_file\nHi,a,b,audio/x.wav\nHo,c,d,\n");
    expect(systems).toEqual(["qwen", "ltu"]);
    expect(items.map((i) => [i.externalId, i.audioPath, i.groundTruth])).toEqual([
      ["row-2", "audio/x.wav", null],
      ["row-3", null, null],
    ]);
  });

  it("accepts pandas-style turn ids and a BOM with Windows line endings", () => {
    const { items } = parseJudgeCsv("\uFEFFprompt,conversation_id,turn_id,a_generation,b_generation\r\nHi,c1,3.0,x,y\r\n");
    expect(items[0].externalId).toBe("c1:3");
  });
});

describe("makeJudgeCsvSample", () => {
  it("makes a judge CSV that imports, matching makeMixAssistSample's ids and audio paths", () => {
    const csv = makeJudgeCsvSample(12, 3);
    expect(csv).toBe(makeJudgeCsvSample(12, 3));
    const { systems, items } = parseJudgeCsv(csv, { includeGroundTruthAs: "expert" });
    expect(systems).toEqual(["qwen", "ltu", "mullama", "expert"]);
    expect(items).toHaveLength(12);
    const { rows } = makeMixAssistSample(12, 3, { seconds: 0.01, sampleRate: 8000 });
    expect(items.map((i) => [i.externalId, i.audioPath])).toEqual(rows.map((r) => [`${r.conversation_id}:${r.turn_id}`, r.audio_file]));
    for (const item of items) expect(MIXASSIST_TOPICS).toContain(item.topic);
  });

  it("takes any list of systems", () => {
    const { systems } = parseJudgeCsv(makeJudgeCsvSample(3, 1, ["a", "b"]));
    expect(systems).toEqual(["a", "b"]);
  });
});
