import "server-only";
import { and, eq, inArray, isNull, lt, ne, notExists, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { candidates, items, judgments, participants, trials } from "@/db/schema";
import { counterbalance, orderSystems, pickItems } from "@/lib/assignment/assign";
import { createRng } from "@/lib/random/rng";
import { modeOf, type TStudyConfig } from "@/studies/registry";

/**
 * Gives a participant their rounds: items least judged first (judgments plus live trials), the
 * response order counterbalanced per participant, all drawn from the participant's stored seed.
 * Runs under a per-study advisory lock so simultaneous participants see each other's load.
 * Before assigning, trials of sessions idle past the study's timeout are released.
 */
export async function ensureTrials(
  tx: Tx,
  { studyId, participantId, seed, config }: { studyId: string; participantId: string; seed: string; config: TStudyConfig },
): Promise<void> {
  // Fast path, no lock: a participant who already holds all their rounds needs nothing (every state
  // request after the first). Without it every answer would queue on the study's lock.
  const [{ held }] = await tx
    .select({ held: sql<number>`count(*)::int` })
    .from(trials)
    .where(and(eq(trials.participantId, participantId), isNull(trials.releasedAt)));
  if (Number(held) >= config.design.roundsPerParticipant) return;

  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${studyId}))`);
  await releaseAbandoned(tx, { studyId, exceptParticipantId: participantId, minutes: config.design.abandonAfterMinutes });

  const live = await tx
    .select({ round: trials.round, itemId: trials.itemId })
    .from(trials)
    .where(and(eq(trials.participantId, participantId), isNull(trials.releasedAt)));
  const answeredOrHeld = await tx
    .select({ itemId: trials.itemId })
    .from(trials)
    .where(eq(trials.participantId, participantId));
  const rounds = config.design.roundsPerParticipant;
  const taken = new Set(live.map((t) => t.round));
  const missing = Array.from({ length: rounds }, (_, i) => i + 1).filter((r) => !taken.has(r));
  if (missing.length === 0) return;

  const loadRows = await tx
    .select({ itemId: items.id, load: sql<number>`count(${trials.id})::int` })
    .from(items)
    .leftJoin(trials, and(eq(trials.itemId, items.id), isNull(trials.releasedAt)))
    .where(eq(items.studyId, studyId))
    .groupBy(items.id)
    .orderBy(items.id);
  const load = new Map(loadRows.map((r) => [r.itemId, Number(r.load)]));
  // A second visit (after a release) draws from a new stream, so it does not repeat the first draw.
  const rng = createRng(seed, `assign:${answeredOrHeld.length}`);
  const picked = pickItems({
    itemIds: loadRows.map((r) => r.itemId),
    load,
    target: config.design.judgmentsPerItem,
    rounds: missing.length,
    exclude: new Set(answeredOrHeld.map((t) => t.itemId)),
    rng,
  });
  if (picked.length === 0) return;

  const systemRows = await tx
    .select({ itemId: candidates.itemId, system: candidates.system })
    .from(candidates)
    .where(inArray(candidates.itemId, picked));
  const mode = modeOf(config);
  const offsets = counterbalance({ n: picked.length, positions: mode.positions(config), rng });
  await tx.insert(trials).values(
    picked.map((itemId, i) => {
      const present = systemRows.filter((s) => s.itemId === itemId).map((s) => s.system);
      const systems = mode.trialSystems(config, present);
      return { studyId, participantId, itemId, round: missing[i], systemOrder: orderSystems(systems, offsets[i]) };
    }),
  );
}

/** Unanswered trials of sessions idle for longer than the timeout go back to the pool. */
async function releaseAbandoned(tx: Tx, { studyId, exceptParticipantId, minutes }: { studyId: string; exceptParticipantId: string; minutes: number }) {
  const cutoff = new Date(Date.now() - minutes * 60_000);
  const idle = tx
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.studyId, studyId), ne(participants.status, "completed"), lt(participants.lastSeenAt, cutoff), ne(participants.id, exceptParticipantId)));
  await tx
    .update(trials)
    .set({ releasedAt: new Date() })
    .where(and(
      eq(trials.studyId, studyId),
      isNull(trials.releasedAt),
      inArray(trials.participantId, idle),
      notExists(tx.select({ one: sql`1` }).from(judgments).where(eq(judgments.trialId, trials.id))),
    ));
}
