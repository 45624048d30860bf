// Fixtures for judge tests and the judge benchmark: a live listwise study whose items come from a judge CSV.
import { stringify } from "csv-stringify/sync";
import { importItems } from "@/db/queries/items/import-items";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { newResearcher } from "@/db/testing/study-fixtures";
import type { TListwiseConfig } from "@/studies/listwise/config";
import { prepareListwiseImport } from "@/studies/listwise/import";
import { loadTemplate } from "@/studies/registry";

export const SYSTEMS = ["qwen", "ltu", "mullama"] as const;

/** Item k's prompt and candidate texts: unique, so a fake server can tell items and systems apart. */
export const promptOf = (k: number) => `PRODUCER k${k}: my snare sounds thin, what should I do?`;
export const answerOf = (system: string, k: number) => `${system} says to item k${k}: boost 200 Hz a little.`;

/** A live listwise study of a new researcher with `n` items (conversation c<k>, turn 0). */
export async function listwiseStudyWithItems(n: number) {
  const researcher = await newResearcher("judge");
  const config = loadTemplate("mixassist-listwise") as TListwiseConfig;
  const study = await createStudy({ researcherId: researcher.id, config });
  const csv = stringify([
    ["conversation_id", "turn_id", "topic", "prompt", ...SYSTEMS.map((s) => `${s}_generation`)],
    ...Array.from({ length: n }, (_, i) => [`c${i + 1}`, "0", i % 2 ? "drums" : "vocals", promptOf(i + 1), ...SYSTEMS.map((s) => answerOf(s, i + 1))]),
  ]);
  const prepared = await prepareListwiseImport({ rows: { name: "judge.csv", text: csv }, outputs: null, audio: null }, config, { audioMaxBytes: 1 << 20 });
  await importItems({ studyId: study.id, researcherId: researcher.id, prepared });
  await publishStudy({ studyId: study.id, researcherId: researcher.id });
  return { researcherId: researcher.id, studyId: study.id, config };
}

/** What the fake server needs of a request: the item number k and the letter → system shown. */
export function readJudgeRequest(body: unknown): { k: number; letterToSystem: Record<string, string>; system: string; user: string } {
  const messages = (body as { messages: { role: string; content: string }[] }).messages;
  const user = messages.find((m) => m.role === "user")?.content ?? "";
  const k = Number(/PRODUCER k(\d+):/.exec(user)?.[1]);
  const letterToSystem: Record<string, string> = {};
  for (const m of user.matchAll(/RESPONSE ([A-Z]): (\w+) says/g)) letterToSystem[m[1]] = m[2];
  return { k, letterToSystem, system: messages.find((m) => m.role === "system")?.content ?? "", user };
}

/** The letters of `systems` (best first) as the judge saw them. */
export function lettersFor(letterToSystem: Record<string, string>, systems: readonly string[]): string[] {
  const letterOf = Object.fromEntries(Object.entries(letterToSystem).map(([l, s]) => [s, l]));
  return systems.map((s) => letterOf[s]);
}
