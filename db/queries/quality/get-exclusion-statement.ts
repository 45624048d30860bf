import "server-only";
// The sentence every table and export carries: which sessions the chosen ?flagged= policy left out, and why.
import { exclusionStatement, type TFlaggedPolicy } from "@/lib/quality/exclusion";
import { listSessionQuality } from "./list-session-quality";

/** For anyone who may read the study. */
export async function getExclusionStatement({ studyId, researcherId, flagged }: { studyId: string; researcherId: string; flagged: TFlaggedPolicy }): Promise<string> {
  return exclusionStatement(flagged, await listSessionQuality({ studyId, researcherId }));
}
