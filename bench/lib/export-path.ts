// The researcher export path without HTTP: what GET /api/studies/{id}/export runs for a table or the long CSV.
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { exportStudy } from "@/studies/export";

export async function exportStudyTable({ studyId, researcherId, table }: { studyId: string; researcherId: string; table: string }) {
  const study = await getStudyForResearcher({ studyId, researcherId });
  const rows = await listJudgmentsForExport({ studyId, researcherId });
  return exportStudy({ slug: study.slug, config: study.config, rows, table, format: "csv" }).body;
}

export async function streamJudgmentsCsv({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const body = await exportStudyTable({ studyId, researcherId, table: "judgments" });
  return { bytes: Buffer.byteLength(String(body)), lines: String(body).split("\r\n").length - 1 };
}
