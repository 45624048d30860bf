import "server-only";
// Researcher pages: the signed-in researcher's study, or the 404 page for anyone else's.
import { notFound } from "next/navigation";
import { getServerSession } from "next-auth";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { authOptions } from "@/lib/auth";
import { AppError } from "@/lib/http/app-error";

export async function loadOwnStudy(studyId: string) {
  const session = await getServerSession(authOptions);
  const researcherId = session?.user?.id;
  if (!researcherId) notFound();
  try {
    return { researcherId, study: await getStudyForResearcher({ studyId, researcherId }) };
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
