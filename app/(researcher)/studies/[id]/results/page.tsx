// Results: every table of the study's mode with its chart and downloads, and the long-format CSV of every judgment.
import Link from "next/link";
import { CountsBarChart } from "@/components/charts/bar-chart";
import { DivergingBarChart } from "@/components/charts/diverging-bar-chart";
import { listJudgmentsForTables } from "@/db/queries/judgments/list-judgments-for-tables";
import { shortHash } from "@/lib/lifecycle/config-hash";
import { modeOf } from "@/studies/registry";
import { loadOwnStudy } from "../../_lib/load-own-study";
import { TableSection } from "../../_components/table-section";

export default async function ResultsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { study, researcherId } = await loadOwnStudy(id, "read");
  const rows = await listJudgmentsForTables({ studyId: id, researcherId });
  const mode = modeOf(study.config);
  const base = `/api/studies/${id}/export`;
  return (
    <>
      <p><Link href={`/studies/${id}`}>← {study.title}</Link></p>
      <h1>Results</h1>
      <p className="ms-muted" data-testid="results-config">
        Configuration v{study.version} · hash <code title={study.configHash}>{shortHash(study.configHash)}</code> ·{" "}
        <a href={`${base}?table=config&format=json`} download>configuration export (JSON, every version)</a>
      </p>
      <p>
        {rows.length} judgments. <a className="ms-button" href={`${base}?table=judgments&format=csv`} download>Download every judgment (CSV)</a>
      </p>
      {study.config.mode === "chat" && (
        <p>
          <Link className="ms-button" href={`/studies/${id}/transcripts`}>Read the transcripts</Link>{" "}
          <a className="ms-button" href={`${base}?table=transcripts&format=csv`} download>Transcripts (JSONL)</a>{" "}
          <a className="ms-button" href={`${base}?table=conversations&format=csv`} download>Per-conversation summary (CSV)</a>
        </p>
      )}
      {mode.tables(study.config).map(({ id: tableId }) => {
        const table = mode.buildTable(tableId, rows, study.config);
        const chart = mode.chart(table);
        return (
          <TableSection key={tableId} table={table} downloads={`${base}?table=${tableId}`} tableId={tableId}>
            {chart && chart.data.length > 0 && chart.kind === "diverging" ? (
              // Rating mode's Likert tables: one diverging stacked bar per system and criterion.
              <DivergingBarChart
                rows={chart.data.map((d) => ({ label: String(d[chart.xKey]), percents: chart.series.map((s) => Number(d[s.key]) || 0) }))}
                pointLabels={chart.series.map((s) => s.label)}
                ariaLabel={`${table.title} chart`}
              />
            ) : (
              chart && chart.data.length > 0 && <CountsBarChart data={chart.data} xKey={chart.xKey} series={chart.series} ariaLabel={`${table.title} chart`} />
            )}
          </TableSection>
        );
      })}
    </>
  );
}
