import "server-only";
// Researcher pages: a study the signed-in researcher may use at level `need`, or the 404 page for anyone else
// (a study shared with too low a role is also a 404 page here: pages for writing are not linked for them).
import { notFound } from "next/navigation";
import { getServerSession } from "next-auth";
import { getStudyForResearcher, type TStudyAccess } from "@/db/queries/studies/get-study-for-researcher";
import { authOptions } from "@/lib/auth";
import { AppError } from "@/lib/http/app-error";

export async function loadOwnStudy(studyId: string, need: TStudyAccess = "owner") {
  const session = await getServerSession(authOptions);
  const researcherId = session?.user?.id;
  if (!researcherId) notFound();
  try {
    return { researcherId, study: await getStudyForResearcher({ studyId, researcherId, need }) };
  } catch (err) {
    if (err instanceof AppError && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN")) notFound();
    throw err;
  }
}
