import "server-only";
// Attaches responses to a study's existing items by external id (e.g. each system's advice on stem segments).
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { candidates, items } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "@/lib/http/app-error";
import { ImportError, type TImportIssue } from "@/lib/import/errors";
import type { TAdviceRow } from "@/studies/rating/advice";
import { getStudyForResearcher } from "../studies/get-study-for-researcher";


/**
 * All or nothing: every row must name an item of this study and a system the study rates, and no (item, system)
 * may already have a response or appear twice. Owner or editor; draft studies only.
 */
export async function attachCandidates({ studyId, researcherId, rows }: { studyId: string; researcherId: string; rows: TAdviceRow[] }) {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "write" });
  if (study.status !== "draft") throw new AppError("CONFLICT", "Responses can be added only while the study is a draft.");
  if (study.config.mode === "chat") throw new AppError("BAD_REQUEST", "A chat study has no responses to attach: its assistant answers live.");
  const systems = study.config.mode === "pairwise" ? [study.config.systems.generated, study.config.systems.reference] : study.config.systems.map((s) => s.id);
  const db = await getDb();
  const ids = [...new Set(rows.map((r) => r.itemId))];
  const found = ids.length ? await db.select({ id: items.id, externalId: items.externalId }).from(items).where(and(eq(items.studyId, studyId), inArray(items.externalId, ids))) : [];
  const idOf = new Map(found.map((f) => [f.externalId, f.id]));
  const existing = found.length
    ? await db.select({ itemId: candidates.itemId, system: candidates.system }).from(candidates).where(inArray(candidates.itemId, found.map((f) => f.id)))
    : [];
  const taken = new Set(existing.map((e) => `${e.itemId}\u0000${e.system}`));
  const issues: TImportIssue[] = [];
  const firstLine = new Map<string, number>();
  for (const r of rows) {
    const id = idOf.get(r.itemId);
    if (!id) issues.push({ file: "rows", line: r.line, field: "item_id", message: `no item "${r.itemId}" in this study` });
    if (!systems.includes(r.system)) issues.push({ file: "rows", line: r.line, field: "system", message: `"${r.system}" is not a system of this study (${systems.join(", ")})` });
    if (!id) continue;
    const key = `${id}\u0000${r.system}`;
    if (taken.has(key)) issues.push({ file: "rows", line: r.line, field: "system", message: `item ${r.itemId} already has a response from ${r.system}` });
    else if (firstLine.has(key)) issues.push({ file: "rows", line: r.line, field: "system", message: `item ${r.itemId} and ${r.system} repeat line ${firstLine.get(key)}` });
    else firstLine.set(key, r.line);
  }
  if (rows.length === 0) issues.push({ file: "rows", line: 0, field: "", message: "no responses to attach" });
  if (issues.length) throw new ImportError(issues);
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(candidates).values(rows.slice(i, i + 500).map((r) => ({ itemId: idOf.get(r.itemId)!, system: r.system, text: r.text })));
    }
    await recordAudit({ tx, studyId, researcherId, action: "imported", detail: { responses: rows.length, source: "advice by item id" } });
  });
  return { responses: rows.length, items: new Set(rows.map((r) => r.itemId)).size };
}
