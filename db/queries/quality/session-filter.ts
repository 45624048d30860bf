import "server-only";
// The SQL side of lib/quality/exclusion.ts isLeftOut: which participants' rows a table or export keeps.
import { sql, type SQL } from "drizzle-orm";
import { participants } from "@/db/schema";
import type { TFlaggedPolicy } from "@/lib/quality/exclusion";

/** A condition on a query that joins `participants`: true for sessions kept under the policy; undefined keeps all. */
export function keptSessions(policy: TFlaggedPolicy): SQL | undefined {
  if (policy === "include") return undefined;
  const notExcluded = sql`(${participants.excludedAt} is null and ${participants.status} <> 'screened_out')`;
  if (policy === "standard") return notExcluded;
  return sql`(${notExcluded} and jsonb_array_length(${participants.flags}) = 0)`;
}
