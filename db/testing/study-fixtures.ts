// Integration-test fixtures: researchers, studies with imported items, and participants walked to their rounds.
import crypto from "node:crypto";
import { count, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles, candidates, items, judgments, trials } from "@/db/schema";
import { importItems } from "@/db/queries/items/import-items";
import { getParticipantState } from "@/db/queries/participants/get-participant-state";
import { joinStudy } from "@/db/queries/participants/join-study";
import { recordConsent, recordInstructionsRead, recordProfile } from "@/db/queries/participants/record-step";
import { createResearcher } from "@/db/queries/researchers/create-researcher";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { makeMixAssistSample, toJsonl, type TMixAssistSample } from "@/lib/import/sample-data";
import type { TPairwiseConfig } from "@/studies/pairwise/config";
import { preparePairwiseImport, type TImportFiles } from "@/studies/pairwise/import";
import { loadTemplate } from "@/studies/registry";

export const AUDIO_MAX_BYTES = 50 * 1024 * 1024;

export function pairwiseTemplate(overrides: { design?: Partial<TPairwiseConfig["design"]>; title?: string } = {}): TPairwiseConfig {
  const base = loadTemplate("mixassist-pairwise") as TPairwiseConfig;
  return { ...base, title: overrides.title ?? base.title, design: { ...base.design, ...overrides.design } };
}

export async function newResearcher(label = "r") {
  const suffix = crypto.randomBytes(4).toString("hex");
  // bcrypt cost 12 is slow but fixed by the query; one researcher per describe keeps it cheap.
  return createResearcher({ email: `${label}-${suffix}@example.test`, name: label, password: "correct horse battery" });
}

/** Files for preparePairwiseImport; without audio the rows' audio_file is cleared (no zip uploaded). */
export function importFiles(sample: TMixAssistSample, { withAudio }: { withAudio: boolean }): TImportFiles {
  const rows = withAudio ? sample.rows : sample.rows.map((r) => ({ ...r, audio_file: null }));
  return {
    rows: { name: "rows.jsonl", text: toJsonl(rows) },
    outputs: { name: "outputs.jsonl", text: toJsonl(sample.outputs) },
    audio: withAudio ? sample.audio : null,
  };
}

/** A live study of `researcherId` with `n` imported items (no audio) under `config`. */
export async function liveStudyWithItems({ researcherId, config, n, seed = 7 }: { researcherId: string; config: TPairwiseConfig; n: number; seed?: number }) {
  const study = await createStudy({ researcherId, config });
  const sample = makeMixAssistSample(n, seed, { generatedSystem: config.systems.generated, seconds: 0.1, sampleRate: 8000 });
  const prepared = await preparePairwiseImport(importFiles(sample, { withAudio: false }), config, { audioMaxBytes: AUDIO_MAX_BYTES });
  await importItems({ studyId: study.id, researcherId, prepared });
  await publishStudy({ studyId: study.id, researcherId });
  return study;
}

/** Joins and records consent, profile and instructions; the next getParticipantState assigns the rounds. */
export async function readyParticipant(slug: string, prolificPid?: string) {
  const joined = await joinStudy({ slug, prolificPid });
  await recordConsent({ participantId: joined.participantId });
  await recordProfile({ participantId: joined.participantId, expertise: "Intermediate" });
  await recordInstructionsRead({ participantId: joined.participantId });
  return joined;
}

export async function stateOf(participantId: string, config: TPairwiseConfig) {
  return getParticipantState({ participantId, config });
}

export async function tableCounts() {
  const db = await getDb();
  const n = async (t: typeof items | typeof candidates | typeof audioFiles | typeof judgments | typeof trials) =>
    Number((await db.select({ n: count() }).from(t))[0].n);
  return { items: await n(items), candidates: await n(candidates), audioFiles: await n(audioFiles), judgments: await n(judgments), trials: await n(trials) };
}

/** Every trial of the participant (released ones too) in round order, with the item and the system order. */
export async function trialsOf(participantId: string) {
  const db = await getDb();
  const rows = await db
    .select({ id: trials.id, round: trials.round, itemId: trials.itemId, systemOrder: trials.systemOrder, releasedAt: trials.releasedAt })
    .from(trials)
    .where(eq(trials.participantId, participantId))
    .orderBy(trials.round);
  return rows.map((r) => ({ ...r, systemOrder: r.systemOrder as string[] }));
}
