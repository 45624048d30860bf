import "server-only";
import { and, eq, inArray, isNull, lt, ne, notExists, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { candidates, items, judgments, participants, trials } from "@/db/schema";
import { attentionRounds, counterbalance, orderSystems, pickGold, pickItems } from "@/lib/assignment/assign";
import { createRng } from "@/lib/random/rng";
import { modeOf, type TStudyConfig } from "@/studies/registry";

/**
 * Gives a participant their rounds: items least judged first (judgments plus live trials), the
 * response order counterbalanced per participant, all drawn from the participant's stored seed.
 * Runs under a per-study advisory lock so simultaneous participants see each other's load.
 * Before assigning, trials of sessions idle past the study's timeout are released. Gold items
 * (items.kind = "attention") fill the study's attention-check rounds and never count as load.
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
  const goldIds = (await tx.select({ id: items.id }).from(items).where(and(eq(items.studyId, studyId), eq(items.kind, "attention"))).orderBy(items.id)).map((r) => r.id);
  // Gold rounds only when the study has gold items; they come on top of the regular rounds.
  const goldRounds = goldIds.length > 0 ? attentionRounds(config.quality.attentionChecks.rounds, config.design.roundsPerParticipant) : [];
  const rounds = config.design.roundsPerParticipant + goldRounds.length;
  const taken = new Set(live.map((t) => t.round));
  const missing = Array.from({ length: rounds }, (_, i) => i + 1).filter((r) => !taken.has(r));
  if (missing.length === 0) return;
  const missingRegular = missing.filter((r) => !goldRounds.includes(r));
  const missingGold = missing.filter((r) => goldRounds.includes(r));

  // Gold items never count toward an item's load: only regular items are balanced.
  const loadRows = await tx
    .select({ itemId: items.id, load: sql<number>`count(${trials.id})::int` })
    .from(items)
    .leftJoin(trials, and(eq(trials.itemId, items.id), isNull(trials.releasedAt)))
    .where(and(eq(items.studyId, studyId), eq(items.kind, "item")))
    .groupBy(items.id)
    .orderBy(items.id);
  const load = new Map(loadRows.map((r) => [r.itemId, Number(r.load)]));
  // A second visit (after a release) draws from a new stream, so it does not repeat the first draw.
  const rng = createRng(seed, `assign:${answeredOrHeld.length}`);
  const picked = pickItems({
    itemIds: loadRows.map((r) => r.itemId),
    load,
    target: config.design.judgmentsPerItem,
    rounds: missingRegular.length,
    exclude: new Set(answeredOrHeld.map((t) => t.itemId)),
    rng,
  });
  const liveRegular = live.filter((t) => !goldRounds.includes(t.round)).length;
  // A session with no regular round (the study is full) gets no gold rounds either.
  const gold = picked.length + liveRegular > 0
    ? pickGold({ goldIds, rounds: missingGold.length, exclude: new Set(answeredOrHeld.map((t) => t.itemId)), rng: createRng(seed, `gold:${answeredOrHeld.length}`) })
    : [];
  const assigned = [...picked.map((itemId, i) => ({ itemId, round: missingRegular[i] })), ...gold.map((itemId, i) => ({ itemId, round: missingGold[i] }))];
  if (assigned.length === 0) return;

  const systemRows = await tx
    .select({ itemId: candidates.itemId, system: candidates.system })
    .from(candidates)
    .where(inArray(candidates.itemId, assigned.map((a) => a.itemId)));
  const mode = modeOf(config);
  const offsets = counterbalance({ n: assigned.length, positions: mode.positions(config), rng });
  await tx.insert(trials).values(
    assigned.map(({ itemId, round }, i) => {
      const present = systemRows.filter((s) => s.itemId === itemId).map((s) => s.system);
      const systems = mode.trialSystems(config, present);
      return { studyId, participantId, itemId, round, systemOrder: orderSystems(systems, offsets[i]) };
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
