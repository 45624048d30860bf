import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { participants } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";

export type TExpertise = "Amateur" | "Intermediate" | "Expert";

/** Consent, profile and instructions are recorded once; repeating a step changes nothing. */
export async function recordConsent({ participantId }: { participantId: string }): Promise<void> {
  const db = await getDb();
  await db.update(participants).set({ consentedAt: new Date(), status: "consented" })
    .where(and(eq(participants.id, participantId), isNull(participants.consentedAt)));
}

export async function recordProfile({ participantId, expertise }: { participantId: string; expertise: TExpertise }): Promise<void> {
  const db = await getDb();
  const [p] = await db.select({ consentedAt: participants.consentedAt }).from(participants).where(eq(participants.id, participantId));
  if (!p?.consentedAt) throw new AppError("CONFLICT", "Please give your consent first.");
  await db.update(participants).set({ expertise }).where(and(eq(participants.id, participantId), isNull(participants.expertise)));
}

export async function recordInstructionsRead({ participantId }: { participantId: string }): Promise<void> {
  const db = await getDb();
  const [p] = await db.select({ expertise: participants.expertise }).from(participants).where(eq(participants.id, participantId));
  if (!p?.expertise) throw new AppError("CONFLICT", "Please answer the profile question first.");
  await db.update(participants).set({ instructionsReadAt: new Date(), status: "active" })
    .where(and(eq(participants.id, participantId), isNull(participants.instructionsReadAt)));
}
