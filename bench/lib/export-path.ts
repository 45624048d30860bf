// The researcher export path without HTTP: what GET /api/studies/{id}/export runs for a table or the long CSV.
import { listJudgmentsForTables } from "@/db/queries/judgments/list-judgments-for-tables";
import { streamJudgmentsForExport } from "@/db/queries/judgments/stream-judgments-for-export";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { exportStudy, judgmentsCsvWriter } from "@/studies/export";
import { csvPagesStream } from "@/studies/export-stream";

export async function exportStudyTable({ studyId, researcherId, table }: { studyId: string; researcherId: string; table: string }) {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "read" });
  const rows = await listJudgmentsForTables({ studyId, researcherId });
  return exportStudy({ slug: study.slug, config: study.config, rows, table, format: "csv", provenance: { version: study.version, configHash: study.configHash } }).body;
}

/** The streamed long CSV, consumed chunk by chunk (as a download would be): bytes and lines. */
export async function streamJudgmentsCsv({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "read" });
  const reader = csvPagesStream(streamJudgmentsForExport({ studyId, researcherId }), judgmentsCsvWriter(study.config)).getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  return { bytes, lines };
}
