import { describe, expect, it } from "vitest";
import { stringify } from "csv-stringify/sync";
import { ImportError } from "./errors";
import { detectFormat, joinPairwiseItems, parseMixAssistRows, parseModelOutputs, type TMixAssistRow } from "./mixassist";

const history0: TMixAssistRow["input_history"] = [];
const rowsJson = [
  {
    conversation_id: "group4_conv10",
    topic: "drums",
    turn_id: 0,
    has_content: true,
    input_history: history0,
    audio_file: "audio/segments/Group4/cut_36.wav",
    user: "Last time we set up the drum bus. The kick is getting lost under the bass around 80 Hz.",
    assistant: "Cut the bass by 3 dB at 80 Hz and add a little 3 kHz click to the kick.",
    split: "test",
  },
  {
    conversation_id: "group4_conv10",
    topic: "drums",
    turn_id: 1,
    has_content: false,
    input_history: [
      { role: "user", content: "The kick is getting lost under the bass around 80 Hz.", audio_file: "audio/segments/Group4/cut_36.wav" },
      { role: "assistant", content: "Cut the bass by 3 dB at 80 Hz, \"narrow\" Q.", audio_file: null },
    ],
    audio_file: null,
    user: "Okay.",
    assistant: "Mm-hmm.",
    split: "test",
  },
  {
    conversation_id: "group4_conv10",
    topic: "drums",
    turn_id: 2,
    has_content: true,
    input_history: [{ role: "user", content: "Better?", audio_file: "audio/segments/Group4/cut_37.wav" }],
    audio_file: "audio/segments/Group4/cut_38.wav",
    user: "What about the snare,\nit sounds boxy?",
    assistant: "Sweep around 500 Hz and cut 2 dB.",
    split: "test",
  },
];
const jsonl = rowsJson.map((r) => JSON.stringify(r)).join("\n") + "\n";
const csvRecords = rowsJson.map((r) => ({
  ...r,
  turn_id: String(r.turn_id),
  has_content: r.has_content ? "True" : "False",
  input_history: JSON.stringify(r.input_history),
  audio_file: r.audio_file ?? "",
}));
const csv = stringify(csvRecords, { header: true, columns: Object.keys(rowsJson[0]) });

function catchImport(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}

const withoutLine = <T extends { line: number }>(rows: T[]) => rows.map(({ line: _line, ...r }) => r);

describe("parseMixAssistRows", () => {
  it("parses JSONL and CSV of the same rows to the same values", () => {
    const fromJsonl = parseMixAssistRows(jsonl, "jsonl");
    const fromCsv = parseMixAssistRows(csv, "csv");
    expect(withoutLine(fromJsonl)).toEqual(rowsJson);
    expect(withoutLine(fromCsv)).toEqual(rowsJson);
    expect(fromJsonl.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(fromCsv.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it("gives a CSV record the line it starts on when an earlier cell spans lines", () => {
    const text = csv + stringify([{ ...csvRecords[0], turn_id: "x" }]);
    // header 1, rows 2, 3, 4–5 (the user cell holds a newline), so the new record starts on line 6.
    const err = catchImport(() => parseMixAssistRows(text, "csv"));
    expect(err.issues).toEqual([{ line: 6, field: "turn_id", message: "expected an integer" }]);
  });

  it("reports turn_id \"abc\" on line 3 and returns nothing", () => {
    const lines = jsonl.trim().split("\n");
    lines[2] = JSON.stringify({ ...rowsJson[2], turn_id: "abc" });
    const err = catchImport(() => parseMixAssistRows(lines.join("\n"), "jsonl"));
    expect(err.issues).toEqual([{ line: 3, field: "turn_id", message: "expected an integer" }]);
    expect(err.message).toBe('line 3, field "turn_id": expected an integer');
  });

  it("lists every bad row: a missing assistant, a bad role, bad JSON; blank lines keep numbering", () => {
    const { assistant: _a, ...noAssistant } = rowsJson[0];
    const badRole = { ...rowsJson[2], input_history: [{ role: "engineer", content: "hi", audio_file: null }] };
    const text = [JSON.stringify(noAssistant), "", JSON.stringify(badRole), "{not json"].join("\n");
    const err = catchImport(() => parseMixAssistRows(text, "jsonl"));
    expect(err.issues.map((i) => [i.line, i.field, i.message])).toEqual([
      [1, "assistant", "required"],
      [3, "input_history[0].role", 'expected "user" or "assistant"'],
      [4, "", expect.stringMatching(/^invalid JSON/)],
    ]);
  });

  it("coerces CSV booleans and reads a Python-literal input_history", () => {
    const text = [
      "conversation_id,topic,turn_id,has_content,input_history,audio_file,user,assistant",
      `group1_conv2,vocals,3,false,"[{'role': 'user', 'content': 'Too much reverb?', 'audio_file': None}]",,Hm.,Yeah.`,
      `group1_conv2,vocals,4,1,[],audio/segments/Group1/cut_9.wav,Louder?,Ride it up 2 dB.`,
    ].join("\n");
    const rows = parseMixAssistRows(text, "csv");
    expect(rows[0]).toMatchObject({ turn_id: 3, has_content: false, audio_file: null, input_history: [{ role: "user", content: "Too much reverb?", audio_file: null }] });
    expect(rows[0].split).toBeUndefined();
    expect(rows[1]).toMatchObject({ turn_id: 4, has_content: true, audio_file: "audio/segments/Group1/cut_9.wav", input_history: [] });
  });

  it("rejects a negative turn_id and an unparsable has_content", () => {
    const text = JSON.stringify({ ...rowsJson[0], turn_id: -1, has_content: "maybe" });
    const err = catchImport(() => parseMixAssistRows(text, "jsonl"));
    expect(err.issues).toEqual([
      { line: 1, field: "turn_id", message: "expected an integer ≥ 0" },
      { line: 1, field: "has_content", message: "expected true or false" },
    ]);
  });
});

describe("detectFormat", () => {
  it("maps extensions", () => {
    expect(detectFormat("test.jsonl")).toBe("jsonl");
    expect(detectFormat("Outputs.CSV")).toBe("csv");
    expect(detectFormat("data.parquet")).toBeNull();
  });
});

describe("parseModelOutputs", () => {
  it("reads the generation / output / response column and an optional system", () => {
    const text = [
      JSON.stringify({ conversation_id: "group4_conv10", turn_id: 0, generation: "Boost the kick at 60 Hz." }),
      JSON.stringify({ conversation_id: "group4_conv10", turn_id: "2", output: "Cut 500 Hz.", system: "ltu" }),
      JSON.stringify({ conversation_id: "group4_conv11", turn_id: 1, response: "Add reverb." }),
    ].join("\n");
    expect(parseModelOutputs(text, "jsonl")).toEqual([
      { conversationId: "group4_conv10", turnId: 0, text: "Boost the kick at 60 Hz.", line: 1 },
      { conversationId: "group4_conv10", turnId: 2, text: "Cut 500 Hz.", system: "ltu", line: 2 },
      { conversationId: "group4_conv11", turnId: 1, text: "Add reverb.", line: 3 },
    ]);
  });

  it("reports a missing text column and an empty output", () => {
    const text = "conversation_id,turn_id,generation\ngroup4_conv10,0,\n";
    expect(catchImport(() => parseModelOutputs(text, "csv")).issues).toEqual([{ line: 2, field: "generation", message: "model output is empty" }]);
    const noCol = JSON.stringify({ conversation_id: "group4_conv10", turn_id: 0, text: "hi" });
    expect(catchImport(() => parseModelOutputs(noCol, "jsonl")).issues[0]).toMatchObject({ line: 1, field: "generation", message: expect.stringMatching(/^required/) });
  });
});

describe("joinPairwiseItems", () => {
  const rows = parseMixAssistRows(jsonl, "jsonl");
  const outputs = parseModelOutputs(
    [
      JSON.stringify({ conversation_id: "group4_conv10", turn_id: 0, generation: "Boost the kick at 60 Hz." }),
      JSON.stringify({ conversation_id: "group4_conv10", turn_id: 2, generation: "Cut 500 Hz on the snare." }),
    ].join("\n"),
    "jsonl",
  );

  it("pairs generated and expert replies, skipping filler turns", () => {
    const items = joinPairwiseItems(rows, outputs, { generatedSystem: "qwen-ft" });
    expect(items.map((i) => i.externalId)).toEqual(["group4_conv10:0", "group4_conv10:2"]);
    expect(items[1]).toEqual({
      externalId: "group4_conv10:2",
      conversationId: "group4_conv10",
      turnId: 2,
      topic: "drums",
      split: "test",
      history: [{ role: "user", content: "Better?", audioFile: "audio/segments/Group4/cut_37.wav" }],
      userUtterance: "What about the snare,\nit sounds boxy?",
      audioPath: "audio/segments/Group4/cut_38.wav",
      candidates: [
        { system: "qwen-ft", text: "Cut 500 Hz on the snare." },
        { system: "expert", text: "Sweep around 500 Hz and cut 2 dB." },
      ],
    });
  });

  it("requires an output for filler turns only when they are included", () => {
    const err = catchImport(() => joinPairwiseItems(rows, outputs, { generatedSystem: "qwen-ft", includeFiller: true }));
    expect(err.message).toBe("rows line 2: no model output for group4_conv10 turn 1");
  });

  it("reports a row without output, an output without row, and duplicates — all at once", () => {
    const extra = [
      outputs[0],
      { conversationId: "group4_conv10", turnId: 0, text: "again", line: 3 },
      { conversationId: "group9_conv1", turnId: 3, text: "orphan", line: 4 },
    ];
    const err = catchImport(() => joinPairwiseItems([...rows, { ...rows[0], line: 5 }], extra, { generatedSystem: "qwen-ft" }));
    expect(err.issues.map((i) => `${i.file} ${i.line}: ${i.message}`)).toEqual([
      "outputs 3: duplicate output of qwen-ft for group4_conv10 turn 0 (first on line 1)",
      "outputs 4: no MixAssist row for group9_conv1 turn 3",
      "rows 3: no model output for group4_conv10 turn 2",
      "rows 5: duplicate row for group4_conv10 turn 0 (first on line 1)",
    ]);
  });

  it("labels outputs by their system column and needs one per system", () => {
    const multi = [
      { conversationId: "group4_conv10", turnId: 0, text: "A0", system: "qwen" },
      { conversationId: "group4_conv10", turnId: 0, text: "B0", system: "ltu" },
      { conversationId: "group4_conv10", turnId: 2, text: "A2", system: "qwen" },
    ];
    const err = catchImport(() => joinPairwiseItems(rows, multi, { generatedSystem: "unused" }));
    expect(err.issues).toEqual([{ file: "rows", line: 3, field: "", message: "no model output (ltu) for group4_conv10 turn 2" }]);
    const items = joinPairwiseItems(rows.slice(0, 1), multi.slice(0, 2), { generatedSystem: "unused", expertSystem: "human" });
    expect(items[0].candidates).toEqual([
      { system: "qwen", text: "A0" },
      { system: "ltu", text: "B0" },
      { system: "human", text: rowsJson[0].assistant },
    ]);
  });
});
