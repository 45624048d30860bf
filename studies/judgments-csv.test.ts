import { describe, expect, it } from "vitest";
import { judgmentsCsv, type TJudgmentExportRow } from "./judgments-csv";

const row: TJudgmentExportRow = {
  studySlug: "mixassist-abc123",
  participantId: "p-1",
  prolificPid: "5f0c",
  prolificStudyId: null,
  prolificSessionId: null,
  expertise: "Expert",
  seed: "s33d",
  round: 3,
  itemExternalId: "group4_conv10:2",
  conversationId: "group4_conv10",
  turnId: 2,
  topic: "drums",
  systemOrder: ["expert", "qwen-ft"],
  answerPosition: "B",
  answer: "generated_better",
  timeOnItemMs: 5400,
  listenedMs: null,
  shownAt: new Date("2025-03-01T10:00:00.000Z"),
  answeredAt: new Date("2025-03-01T10:00:05.400Z"),
  configVersion: 2,
  configHash: "bc12a6800478621892dcd698236615e6024d73268ee0b7af703034a25e294c92",
};

const HEADER =
  "study,participant_id,prolific_pid,prolific_study_id,prolific_session_id,expertise,seed,round,item_id,conversation_id,turn_id,topic," +
  "system_a,system_b,answer_position,answer,chosen_system,time_on_item_ms,listened_ms,played_s,plays,seeks,shown_at,answered_at,config_version,config_hash";

describe("judgmentsCsv", () => {
  it("no judgments: the header only", () => {
    expect(judgmentsCsv([])).toBe(`${HEADER}\r\n`);
  });

  it("one row per judgment, with the system at each position and the chosen system", () => {
    expect(judgmentsCsv([row])).toBe(
      `${HEADER}\r\n` +
        "mixassist-abc123,p-1,5f0c,,,Expert,s33d,3,group4_conv10:2,group4_conv10,2,drums,expert,qwen-ft,B,generated_better,qwen-ft,5400,,,,,2025-03-01T10:00:00.000Z,2025-03-01T10:00:05.400Z,2,bc12a6800478621892dcd698236615e6024d73268ee0b7af703034a25e294c92\r\n",
    );
  });

  it("turn 0 stays 0, a tie chooses no system, and text with commas or quotes is quoted", () => {
    const tie: TJudgmentExportRow = {
      ...row,
      conversationId: 'conv "x", 1',
      turnId: 0,
      systemOrder: ["qwen-ft", "expert"],
      answerPosition: "both_bad",
      answer: "both_bad",
      timeOnItemMs: null,
      shownAt: null,
      configVersion: null,
      configHash: null,
    };
    const lines = judgmentsCsv([tie]).split("\r\n");
    expect(lines[1]).toBe(
      'mixassist-abc123,p-1,5f0c,,,Expert,s33d,3,group4_conv10:2,"conv ""x"", 1",0,drums,qwen-ft,expert,both_bad,both_bad,,,,,,,,2025-03-01T10:00:05.400Z,,',
    );
    expect(lines).toHaveLength(3); // header, row, and the empty string after the final \r\n
  });

  it("listening: played seconds, plays and seeks summed over the clips reported", () => {
    const heard: TJudgmentExportRow = { ...row, listenedMs: 12_340, listening: { clips: { main: { playedMs: 12_340, plays: 2, seeks: 3 } } } };
    expect(judgmentsCsv([heard]).split("\r\n")[1]).toContain(",qwen-ft,5400,12340,12.3,2,3,2025-03-01T10:00:00.000Z,");
  });
});
