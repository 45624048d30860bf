// One result table as the results page shows it: the table, its notes, a chart, and its downloads.
import type { ResultTable } from "@/lib/export/table";

export function TableSection({ table, downloads, tableId, children }: { table: ResultTable; downloads: string; tableId: string; children?: React.ReactNode }) {
  return (
    <section className="ms-card" data-testid={`table-${tableId}`}>
      <h2>{table.title}</h2>
      <div className="ms-table-scroll">
        <table className="ms-table">
          <thead><tr>{table.columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>{r.map((c, k) => <td key={k}>{c ?? ""}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Notes: the table's statistics in plain words (the same lines every export carries). */}
      {table.notes?.length ? (
        <div data-testid={`table-${tableId}-notes`}>
          {table.notes.map((n, i) => <p key={i} className="ms-muted">{n}</p>)}
        </div>
      ) : null}
      {children}
      <p>
        Download: <a href={`${downloads}&format=csv`} download>CSV</a> · <a href={`${downloads}&format=md`} download>Markdown</a> ·{" "}
        <a href={`${downloads}&format=tex`} download>LaTeX</a>
      </p>
    </section>
  );
}
