// Results: every table of the study's mode with its chart and downloads, and the long-format CSV of every judgment,
// under a switch (?flagged=standard|exclude|include) that says which sessions were left out and why.
import Link from "next/link";
import "@/components/quality.css";
import { getExclusionStatement } from "@/db/queries/quality/get-exclusion-statement";
import { ZFlaggedPolicy, type TFlaggedPolicy } from "@/lib/quality/exclusion";
import { CountsBarChart } from "@/components/charts/bar-chart";
import { DivergingBarChart } from "@/components/charts/diverging-bar-chart";
import { listJudgmentsForTables } from "@/db/queries/judgments/list-judgments-for-tables";
import { shortHash } from "@/lib/lifecycle/config-hash";
import { modeOf } from "@/studies/registry";
import { loadOwnStudy } from "../../_lib/load-own-study";
import { TableSection } from "../../_components/table-section";

const SWITCH: { value: TFlaggedPolicy; label: string }[] = [
  { value: "standard", label: "Leave out excluded sessions" },
  { value: "exclude", label: "Leave out all flagged" },
  { value: "include", label: "Include every session" },
];

export default async function ResultsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ flagged?: string | string[] }> }) {
  const { id } = await params;
  // An unknown value falls back to the default rather than failing the page.
  const parsedFlagged = ZFlaggedPolicy.safeParse((await searchParams).flagged);
  const flagged: TFlaggedPolicy = parsedFlagged.success ? parsedFlagged.data : "standard";
  const { study, researcherId } = await loadOwnStudy(id, "read");
  const rows = await listJudgmentsForTables({ studyId: id, researcherId, flagged });
  const exclusion = await getExclusionStatement({ studyId: id, researcherId, flagged });
  const mode = modeOf(study.config);
  const base = `/api/studies/${id}/export`;
  // Download links carry the switch; the default (standard) keeps the plain URLs.
  const q = flagged === "standard" ? "" : `&flagged=${flagged}`;
  return (
    <>
      <p><Link href={`/studies/${id}`}>← {study.title}</Link></p>
      <h1>Results</h1>
      <p className="ms-muted" data-testid="results-config">
        Configuration v{study.version} · hash <code title={study.configHash}>{shortHash(study.configHash)}</code> ·{" "}
        <a href={`${base}?table=config&format=json`} download>configuration export (JSON, every version)</a>
      </p>
      <section aria-label="Which sessions count">
        <nav className="ms-switch" aria-label="Flagged sessions">
          {SWITCH.map((o) => (
            <Link key={o.value} href={`/studies/${id}/results?flagged=${o.value}`} aria-current={o.value === flagged ? "page" : undefined} data-testid={`flagged-${o.value}`}>
              {o.label}
            </Link>
          ))}
        </nav>
        <p className="ms-exclusion" data-testid="exclusion-statement">{exclusion}</p>
      </section>
      <p>
        {rows.length} judgments. <a className="ms-button" href={`${base}?table=judgments&format=csv${q}`} download>Download every judgment (CSV)</a>
      </p>
      {study.config.mode === "chat" && (
        <p>
          <Link className="ms-button" href={`/studies/${id}/transcripts`}>Read the transcripts</Link>{" "}
          <a className="ms-button" href={`${base}?table=transcripts&format=csv${q}`} download>Transcripts (JSONL)</a>{" "}
          <a className="ms-button" href={`${base}?table=conversations&format=csv${q}`} download>Per-conversation summary (CSV)</a>
        </p>
      )}
      {mode.tables(study.config).map(({ id: tableId }) => {
        const built = mode.buildTable(tableId, rows, study.config);
        const table = { ...built, notes: [...(built.notes ?? []), exclusion] };
        const chart = mode.chart(table);
        return (
          <TableSection key={tableId} table={table} downloads={`${base}?table=${tableId}${q}`} tableId={tableId}>
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
