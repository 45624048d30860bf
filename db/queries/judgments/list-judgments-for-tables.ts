import "server-only";
// The judgments a study's tables are computed from: only the columns the tables read, unsorted, with
// the JSON columns parsed once per distinct value (a million judgments share a few hundred orders and
// rankings), so every table of a mode can be computed from a million answers in seconds and a few
// hundred MB. The long CSV keeps the full rows (list-judgments-for-export.ts), streamed page by page.
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, judgments, participants, studies, trials } from "@/db/schema";
import { studyAccessible } from "@/db/queries/studies/study-access";
import type { TJudgmentExportRow } from "@/studies/judgments-csv";
import { keptSessions } from "@/db/queries/quality/session-filter";
import type { TFlaggedPolicy } from "@/lib/quality/exclusion";

/** Parses JSON text with a cache: identical text gives the identical (shared, read-only) value. */
function internedJson(): (text: string | null) => unknown {
  const cache = new Map<string, unknown>();
  return (text) => {
    if (text === null) return null;
    let v = cache.get(text);
    if (v === undefined && !cache.has(text)) {
      v = JSON.parse(text);
      if (cache.size < 200_000) cache.set(text, v);
    }
    return v;
  };
}

/** Same rows as listJudgmentsForExport (gold items left out, sessions kept per `flagged`), fewer columns. */
export async function listJudgmentsForTables({ studyId, researcherId, flagged = "standard" }: { studyId: string; researcherId: string; flagged?: TFlaggedPolicy }): Promise<TJudgmentExportRow[]> {
  const db = await getDb();
  const [study] = await db.select({ id: studies.id }).from(studies).where(and(eq(studies.id, studyId), studyAccessible(researcherId, "read")));
  if (!study) return [];
  // Items and participants once each (thousands), joined in memory; only the per-answer columns per row.
  const [itemRows, participantRows, rows] = await Promise.all([
    db.select({ id: items.id, externalId: items.externalId, topic: items.topic, groundTruth: sql<string | null>`${items.groundTruth}::text` }).from(items).where(and(eq(items.studyId, studyId), eq(items.kind, "item"))),
    db.select({ id: participants.id, expertise: participants.expertise }).from(participants).where(and(eq(participants.studyId, studyId), keptSessions(flagged))),
    db
      .select({
        participantId: judgments.participantId,
        itemId: judgments.itemId,
        systemOrder: sql<string>`${trials.systemOrder}::text`,
        answerPosition: judgments.answerPosition,
        answer: judgments.answer,
        payload: sql<string | null>`${judgments.payload}::text`,
        configVersion: judgments.configVersion,
      })
      .from(judgments)
      .innerJoin(trials, eq(trials.id, judgments.trialId))
      .where(eq(judgments.studyId, studyId)),
  ]);
  const json = internedJson();
  const item = new Map(itemRows.map((i) => [i.id, { ...i, groundTruth: json(i.groundTruth) }]));
  const expertise = new Map(participantRows.map((p) => [p.id, p.expertise]));
  const strings = new Map<string, string>();
  const intern = (s: string) => strings.get(s) ?? (strings.set(s, s), s);
  const kept = rows.filter((r) => item.has(r.itemId) && expertise.has(r.participantId)); // gold items and left-out sessions
  return kept.map((r) => {
    const it = item.get(r.itemId)!;
    return {
      studySlug: "",
      participantId: r.participantId,
      prolificPid: null,
      prolificStudyId: null,
      prolificSessionId: null,
      expertise: expertise.get(r.participantId) ?? null,
      seed: "",
      round: 0,
      itemId: r.itemId,
      itemExternalId: it.externalId,
      conversationId: null,
      turnId: null,
      topic: it.topic,
      systemOrder: json(r.systemOrder),
      answerPosition: intern(r.answerPosition),
      answer: intern(r.answer),
      payload: json(r.payload),
      groundTruth: it.groundTruth,
      timeOnItemMs: null,
      listenedMs: null,
      shownAt: null,
      answeredAt: new Date(0),
      configVersion: r.configVersion,
    };
  });
}
