import "server-only";
// Who may do what with a study, as one SQL condition on the studies row: the owner, or a researcher it is shared with.
import { sql, type SQL } from "drizzle-orm";
import { studies, studyShares } from "@/db/schema";

/** read: owner, editor, viewer · write: owner, editor · owner: the owner alone (share, delete). */
export type TStudyAccess = "read" | "write" | "owner";
export type TStudyRole = "owner" | "editor" | "viewer";

export const ROLES_FOR: Record<TStudyAccess, TStudyRole[]> = {
  read: ["owner", "editor", "viewer"],
  write: ["owner", "editor"],
  owner: ["owner"],
};

// Written qualified: in a one-table query drizzle renders columns unqualified, which inside the subquery would bind to study_shares.
const studyIdCol = sql`${studies}.${sql.identifier(studies.id.name)}`;
const ownerCol = sql`${studies}.${sql.identifier(studies.researcherId.name)}`;

/** True for a studies row `researcherId` may use at level `need`. Use in any query that joins or selects `studies`. */
export function studyAccessible(researcherId: string, need: TStudyAccess): SQL {
  if (need === "owner") return sql`${ownerCol} = ${researcherId}`;
  const roles = need === "write" ? sql`('editor')` : sql`('editor', 'viewer')`;
  return sql`(${ownerCol} = ${researcherId} or exists (select 1 from ${studyShares} where ${studyShares.studyId} = ${studyIdCol} and ${studyShares.researcherId} = ${researcherId} and ${studyShares.role} in ${roles}))`;
}

/** The researcher's role on a studies row: owner, editor, viewer, or null (no access). */
export function studyRoleOf(researcherId: string): SQL<TStudyRole | null> {
  return sql<TStudyRole | null>`case when ${ownerCol} = ${researcherId} then 'owner' else (select ${studyShares.role} from ${studyShares} where ${studyShares.studyId} = ${studyIdCol} and ${studyShares.researcherId} = ${researcherId}) end`;
}
