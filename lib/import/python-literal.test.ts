import { describe, expect, it } from "vitest";
import { parsePythonLiteral } from "./python-literal";

describe("parsePythonLiteral", () => {
  it("reads the repr pandas writes for a MixAssist input_history cell", () => {
    const text = `[{'role': 'user', 'content': "It's muddy\\naround 200 Hz", 'audio_file': 'audio/segments/Group4/cut_36.wav'}, {'role': 'assistant', 'content': 'Cut 3 dB.', 'audio_file': None}]`;
    expect(parsePythonLiteral(text)).toEqual([
      { role: "user", content: "It's muddy\naround 200 Hz", audio_file: "audio/segments/Group4/cut_36.wav" },
      { role: "assistant", content: "Cut 3 dB.", audio_file: null },
    ]);
  });

  it("handles True/False, numbers, tuples and escapes", () => {
    expect(parsePythonLiteral(`{'a': True, 'b': False, 'n': -1.5e2, 't': (1, 2,), 's': 'it\\'s \\x41'}`)).toEqual({ a: true, b: false, n: -150, t: [1, 2], s: "it's A" });
  });

  it("rejects what is not a literal", () => {
    expect(() => parsePythonLiteral("[{'role': user}]")).toThrow(/unexpected "u"/);
    expect(() => parsePythonLiteral("['open")).toThrow(/unterminated string/);
    expect(() => parsePythonLiteral("[1] extra")).toThrow(/after the value/);
  });
});
