// Results: Tables 3 and 11 with charts and downloads, and the long-format CSV of every judgment.
import Link from "next/link";
import { loadOwnStudy } from "../../_lib/load-own-study";
import { CountsBarChart } from "@/components/charts/bar-chart";
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import type { ResultTable } from "@/lib/export/table";
import { pairwiseTable, toJudgmentRows } from "@/studies/pairwise/export";
import { table11Counts, table3Counts } from "@/studies/pairwise/tables";

export default async function ResultsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { study, researcherId } = await loadOwnStudy(id);
  const rows = await listJudgmentsForExport({ studyId: id, researcherId });
  const j = toJudgmentRows(rows);
  const t3 = pairwiseTable("3", rows);
  const t11 = pairwiseTable("11", rows);
  const chart3 = table3Counts(j).map((c) => ({ answer: c.label, count: c.count }));
  const chart11 = table11Counts(j).map((g) => ({ expertise: g.expertise, ...g.counts }));
  const base = `/api/studies/${id}/export`;
  return (
    <>
      <p><Link href={`/studies/${id}`}>← {study.title}</Link></p>
      <h1>Results</h1>
      <p>
        {rows.length} judgments. <a className="ms-button" href={`${base}?table=judgments&format=csv`} download>Download every judgment (CSV)</a>
      </p>
      <TableSection table={t3} downloads={base} tableId="3">
        <CountsBarChart data={chart3} xKey="answer" series={[{ key: "count", label: "Count" }]} ariaLabel="Table 3 chart" />
      </TableSection>
      <TableSection table={t11} downloads={base} tableId="11">
        <CountsBarChart
          data={chart11}
          xKey="expertise"
          series={[
            { key: "generated_better", label: "Generated" },
            { key: "human_better", label: "Human" },
            { key: "both_good", label: "Both Good" },
            { key: "both_bad", label: "Both Bad" },
          ]}
          ariaLabel="Table 11 chart"
        />
      </TableSection>
    </>
  );
}

function TableSection({ table, downloads, tableId, children }: { table: ResultTable; downloads: string; tableId: string; children: React.ReactNode }) {
  return (
    <section className="ms-card" data-testid={`table-${tableId}`}>
      <h2>{table.title}</h2>
      <table className="ms-table">
        <thead><tr>{table.columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>{r.map((c, k) => <td key={k}>{c ?? ""}</td>)}</tr>
          ))}
        </tbody>
      </table>
      {table.notes?.map((n) => <p key={n} className="ms-muted">{n}</p>)}
      {children}
      <p>
        Download: <a href={`${downloads}?table=${tableId}&format=csv`} download>CSV</a> · <a href={`${downloads}?table=${tableId}&format=md`} download>Markdown</a> ·{" "}
        <a href={`${downloads}?table=${tableId}&format=tex`} download>LaTeX</a>
      </p>
    </section>
  );
}
