import "server-only";
// A study's progress for researchers: participants by status, per-item coverage, median time per round, drop-off per step, flags.
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgments, participants, trials } from "@/db/schema";
import { getStudyForResearcher } from "./get-study-for-researcher";

export const PARTICIPANT_STATUSES = ["joined", "consented", "active", "completed", "screened_out"] as const;

export interface TItemCoverage {
  itemId: string;
  externalId: string;
  topic: string | null;
  judgments: number;
  /** Rounds assigned and not answered yet (not released). */
  pending: number;
}

export interface TDropOffStep {
  /** consent | profile | instructions | round | done */
  step: string;
  round: number | null;
  label: string;
  /** Participants who got to this step (the rest stopped before it). */
  reached: number;
  /** Participants at this step now, not finished and not screened out. */
  here: number;
  /** Of `here`, those idle longer than the study's abandon timeout: they dropped out at this step. */
  dropped: number;
  /** Participants screened out at this step. */
  screenedOut: number;
}

/** The driver's rows: postgres-js answers an array, PGlite an object with `rows`. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/** Readable by the owner and anyone the study is shared with; anyone else gets NOT_FOUND. */
export async function getStudyProgress({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "read" });
  const db = await getDb();
  const [p] = await db
    .select({
      started: sql<number>`count(*)::int`,
      consented: sql<number>`count(${participants.consentedAt})::int`,
      finished: sql<number>`count(${participants.completedAt})::int`,
      excluded: sql<number>`count(${participants.excludedAt})::int`,
      flagged: sql<number>`count(*) filter (where jsonb_typeof(${participants.flags}) = 'array' and jsonb_array_length(${participants.flags}) > 0)::int`,
    })
    .from(participants)
    .where(eq(participants.studyId, studyId));
  const [j] = await db.select({ n: sql<number>`count(*)::int` }).from(judgments).where(eq(judgments.studyId, studyId));
  const [t] = await db
    .select({ inProgress: sql<number>`count(*)::int` })
    .from(trials)
    .where(and(eq(trials.studyId, studyId), isNull(trials.releasedAt), sql`not exists (select 1 from ${judgments} where ${judgments.trialId} = ${trials.id})`));

  const statusRows = await db
    .select({ status: participants.status, n: sql<number>`count(*)::int` })
    .from(participants)
    .where(eq(participants.studyId, studyId))
    .groupBy(participants.status);
  const byStatus = Object.fromEntries(PARTICIPANT_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  for (const r of statusRows) byStatus[r.status] = Number(r.n);

  // Least covered first; attention-check items are not part of the coverage target.
  const coverage: TItemCoverage[] = rowsOf<{ item_id: string; external_id: string; topic: string | null; judgments: number; pending: number }>(await db.execute(sql`
    select i.id as item_id, i.external_id, i.topic,
      (select count(*) from judgments j where j.item_id = i.id)::int as judgments,
      (select count(*) from trials t where t.item_id = i.id and t.released_at is null
         and not exists (select 1 from judgments j2 where j2.trial_id = t.id))::int as pending
    from items i where i.study_id = ${studyId} and i.kind = 'item'
    order by 4 asc, 5 asc, i.external_id asc`)).map((r) => ({ itemId: r.item_id, externalId: r.external_id, topic: r.topic, judgments: Number(r.judgments), pending: Number(r.pending) }));

  const medianTimeByRound = rowsOf<{ round: number; n: number; median_ms: number }>(await db.execute(sql`
    select t.round, count(*)::int as n, percentile_cont(0.5) within group (order by j.time_on_item_ms)::float8 as median_ms
    from judgments j join trials t on t.id = j.trial_id
    where j.study_id = ${studyId} and j.time_on_item_ms is not null
    group by t.round order by t.round`)).map((r) => ({ round: Number(r.round), judgments: Number(r.n), medianMs: Math.round(Number(r.median_ms)) }));

  const rounds = study.config.design.roundsPerParticipant;
  const abandonMinutes = study.config.design.abandonAfterMinutes;
  // Each participant's furthest step: the first one not done yet (a round k once k-1 rounds are answered).
  const stageRows = rowsOf<{ stage: string; round: number | null; n: number; idle: number; screened: number }>(await db.execute(sql`
    select stage, case when stage = 'round' then least(answered + 1, ${rounds}) end as round,
      count(*) filter (where not screened)::int as n,
      count(*) filter (where not screened and idle)::int as idle,
      count(*) filter (where screened)::int as screened
    from (
      select case
          when p.completed_at is not null then 'done'
          when p.consented_at is null then 'consent'
          when p.expertise is null then 'profile'
          when p.instructions_read_at is null then 'instructions'
          else 'round' end as stage,
        (select count(*) from judgments j where j.participant_id = p.id)::int as answered,
        p.last_seen_at < now() - make_interval(mins => ${abandonMinutes}) as idle,
        p.status = 'screened_out' as screened
      from participants p where p.study_id = ${studyId}
    ) s
    group by 1, 2`));
  const dropOff = dropOffSteps(stageRows, rounds);

  const flags = rowsOf<{ kind: string; participants: number }>(await db.execute(sql`
    select coalesce(f->>'kind', 'unknown') as kind, count(distinct p.id)::int as participants
    from participants p cross join lateral jsonb_array_elements(case when jsonb_typeof(p.flags) = 'array' then p.flags else '[]'::jsonb end) f
    where p.study_id = ${studyId}
    group by 1 order by 2 desc, 1`)).map((r) => ({ kind: r.kind, participants: Number(r.participants) }));

  const itemsTotal = coverage.length;
  const target = study.config.design.judgmentsPerItem;
  return {
    participantsStarted: Number(p.started),
    participantsConsented: Number(p.consented),
    participantsFinished: Number(p.finished),
    judgments: Number(j.n),
    items: itemsTotal,
    itemsJudged: coverage.filter((c) => c.judgments > 0).length,
    trialsPending: Number(t.inProgress),
    byStatus,
    /** judgmentsPerItem; null when every participant sees every item. */
    targetPerItem: target,
    itemsAtTarget: target === null ? null : coverage.filter((c) => c.judgments >= target).length,
    coverage,
    medianTimeByRound,
    dropOff,
    flags,
    participantsFlagged: Number(p.flagged),
    participantsExcluded: Number(p.excluded),
  };
}

export type TStudyProgress = Awaited<ReturnType<typeof getStudyProgress>>;

/** Steps in order with how many reached each, are there now, dropped there (idle) or were screened out there. */
export function dropOffSteps(rows: readonly { stage: string; round: number | null; n: number; idle: number; screened: number }[], rounds: number): TDropOffStep[] {
  const steps: TDropOffStep[] = [
    { step: "consent", round: null, label: "Consent", reached: 0, here: 0, dropped: 0, screenedOut: 0 },
    { step: "profile", round: null, label: "Profile", reached: 0, here: 0, dropped: 0, screenedOut: 0 },
    { step: "instructions", round: null, label: "Instructions", reached: 0, here: 0, dropped: 0, screenedOut: 0 },
    ...Array.from({ length: rounds }, (_, k) => ({ step: "round", round: k + 1, label: `Round ${k + 1}`, reached: 0, here: 0, dropped: 0, screenedOut: 0 })),
    { step: "done", round: null, label: "Finished", reached: 0, here: 0, dropped: 0, screenedOut: 0 },
  ];
  const indexOf = (stage: string, round: number | null) =>
    stage === "round" ? 2 + Math.min(Math.max(Number(round ?? 1), 1), rounds) : steps.findIndex((s) => s.step === stage);
  for (const r of rows) {
    const i = indexOf(r.stage, r.round);
    if (i < 0) continue;
    const n = Number(r.n);
    const screened = Number(r.screened);
    if (steps[i].step !== "done") {
      steps[i].here += n;
      steps[i].dropped += Number(r.idle);
    }
    steps[i].screenedOut += screened;
    for (let k = 0; k <= i; k++) steps[k].reached += n + screened;
  }
  return steps;
}
