// A study's progress in detail: participants by status, drop-off per step, median time per round, per-item coverage, flags.
import "@/components/lifecycle.css";
import Link from "next/link";
import { getStudyProgress } from "@/db/queries/studies/get-study-progress";
import { loadOwnStudy } from "../../_lib/load-own-study";

const STATUS_LABELS: Record<string, string> = { joined: "Joined", consented: "Consented", active: "Active", completed: "Completed", screened_out: "Screened out" };
const COVERAGE_SHOWN = 60;

function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <span className={`ms-bar${max > 0 && value >= max ? " ms-bar--full" : ""}`} role="img" aria-label={label}>
      <span style={{ width: `${pct}%` }} />
    </span>
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default async function ProgressPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { study, researcherId } = await loadOwnStudy(id, "read");
  const p = await getStudyProgress({ studyId: id, researcherId });
  const target = p.targetPerItem;
  const coverageMax = target ?? Math.max(1, ...p.coverage.map((c) => c.judgments));
  const shown = p.coverage.slice(0, COVERAGE_SHOWN);
  const started = Math.max(1, p.participantsStarted);
  return (
    <div className="ms-progress">
      <p><Link href={`/studies/${id}`}>← {study.title}</Link></p>
      <h1>Progress</h1>
      <p className="ms-muted">
        <span className={`ms-status ms-status-${study.status}`}>{study.status}</span> · {p.participantsStarted} participants · {p.judgments} judgments ·{" "}
        {p.itemsJudged} of {p.items} items judged{target !== null && <> · {p.itemsAtTarget} of {p.items} at the target of {target}</>}
      </p>

      <section className="ms-card">
        <h2>Participants by status</h2>
        <dl className="ms-stats" data-testid="status-counts">
          {Object.entries(p.byStatus).map(([s, n]) => (
            <div key={s}><dt>{STATUS_LABELS[s] ?? s}</dt><dd>{n}</dd></div>
          ))}
        </dl>
      </section>

      <section className="ms-card">
        <h2>Drop-off per step</h2>
        <p className="ms-muted">
          Reached: got to the step. Here now: at the step and not finished. Dropped: of those, idle longer than {study.config.design.abandonAfterMinutes} minutes. Screened out (Out): ended there by the study.
        </p>
        <div className="ms-table-scroll">
          <table className="ms-table" data-testid="drop-off">
            <thead><tr><th>Step</th><th className="ms-num">Reached</th><th className="ms-bar-cell ms-hide-narrow" aria-label="Share reached" /><th className="ms-num">Here now</th><th className="ms-num">Dropped</th><th className="ms-num"><span className="ms-hide-narrow">Screened out</span><span className="ms-show-narrow" title="Screened out">Out</span></th></tr></thead>
            <tbody>
              {p.dropOff.map((s) => (
                <tr key={s.label}>
                  <td>{s.label}</td>
                  <td className="ms-num">{s.reached}</td>
                  <td className="ms-bar-cell ms-hide-narrow"><Bar value={s.reached} max={started} label={`${s.reached} of ${p.participantsStarted} reached ${s.label}`} /></td>
                  <td className="ms-num">{s.here}</td>
                  <td className="ms-num">{s.dropped}</td>
                  <td className="ms-num">{s.screenedOut}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="ms-card">
        <h2>Median time per round</h2>
        {p.medianTimeByRound.length === 0 ? (
          <p className="ms-muted">No timed answers yet.</p>
        ) : (
          <div className="ms-table-scroll">
            <table className="ms-table" data-testid="median-times">
              <thead><tr><th>Round</th><th className="ms-num">Judgments</th><th className="ms-num">Median time</th></tr></thead>
              <tbody>
                {p.medianTimeByRound.map((r) => (
                  <tr key={r.round}><td>Round {r.round}</td><td className="ms-num">{r.judgments}</td><td className="ms-num">{seconds(r.medianMs)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="ms-card">
        <h2>Coverage per item (least covered first)</h2>
        <p className="ms-muted">
          Judgments so far {target === null ? "(every participant sees every item)" : `against the target of ${target} per item`}; open rounds are assigned and not answered yet.
        </p>
        <div className="ms-table-scroll">
          <table className="ms-table" data-testid="coverage">
            <thead><tr><th>Item</th><th className="ms-hide-narrow">Topic</th><th className="ms-num">Judgments</th><th className="ms-bar-cell ms-hide-narrow" aria-label="Coverage" /><th className="ms-num">Open</th></tr></thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.itemId}>
                  <td>{c.externalId}</td>
                  <td className="ms-hide-narrow">{c.topic ?? ""}</td>
                  <td className="ms-num">{c.judgments}{target !== null && ` / ${target}`}</td>
                  <td className="ms-bar-cell ms-hide-narrow"><Bar value={c.judgments} max={coverageMax} label={`${c.judgments} of ${coverageMax}`} /></td>
                  <td className="ms-num">{c.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {p.coverage.length > shown.length && <p className="ms-muted">… and {p.coverage.length - shown.length} more items, better covered.</p>}
      </section>

      <section className="ms-card">
        <h2>Data-quality flags</h2>
        <p>{p.participantsFlagged} participant(s) flagged · {p.participantsExcluded} excluded</p>
        {p.flags.length > 0 && (
          <ul data-testid="flags">
            {p.flags.map((f) => <li key={f.kind}>{f.kind.replaceAll("_", " ")}: {f.participants}</li>)}
          </ul>
        )}
      </section>
    </div>
  );
}
