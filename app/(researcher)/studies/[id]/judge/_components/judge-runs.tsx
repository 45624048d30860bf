"use client";
// The study's judge runs: progress bars and counts, polled while a run is running; cancel, resume and downloads.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { TJudgeRunSummary } from "@/lib/judge/schemas";
import { callApi } from "../../../_components/api";

const POLL_MS = 2000;

export function JudgeRuns({ studyId, initialRuns, selectedRunId, readOnly = false }: { studyId: string; initialRuns: TJudgeRunSummary[]; selectedRunId: string | null; readOnly?: boolean }) {
  const router = useRouter();
  const [runs, setRuns] = useState(initialRuns);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const wasRunning = useRef(new Set(initialRuns.filter((r) => r.status === "running").map((r) => r.id)));
  useEffect(() => setRuns(initialRuns), [initialRuns]);

  const anyRunning = runs.some((r) => r.status === "running");
  useEffect(() => {
    if (!anyRunning) return;
    let stopped = false;
    const tick = async () => {
      try {
        const { runs: next } = await callApi<{ runs: TJudgeRunSummary[] }>(`/api/studies/${studyId}/judge`, { cache: "no-store" });
        if (stopped) return;
        setRuns(next);
        setError(null);
        // A run that just ended changes the tables below: reload them from the server.
        const ended = next.some((r) => r.status !== "running" && wasRunning.current.has(r.id));
        wasRunning.current = new Set(next.filter((r) => r.status === "running").map((r) => r.id));
        if (ended) router.refresh();
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
    };
    const t = setInterval(tick, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [anyRunning, studyId, router]);

  const act = async (runId: string, action: "cancel" | "resume") => {
    setBusy(runId);
    setError(null);
    try {
      await callApi(`/api/studies/${studyId}/judge/${runId}/${action}`, { method: "POST" });
      if (action === "resume") wasRunning.current.add(runId);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  if (runs.length === 0) return <p className="ms-muted">No judge runs yet.</p>;
  return (
    <div data-testid="judge-runs">
      {error && <p className="ms-error" role="alert">{error}</p>}
      {runs.map((r) => {
        const finished = r.done + r.failed;
        const pct = r.total ? Math.round((finished * 100) / r.total) : 0;
        const base = `/api/studies/${studyId}/judge/${r.id}/export`;
        return (
          <article key={r.id} className="ms-card" data-testid={`judge-run-${r.id}`}>
            <h3>
              {r.model} <span className={`ms-status ms-status-${r.status}`}>{r.status}</span>
              {r.id === selectedRunId && <span className="ms-muted"> · shown below</span>}
            </h3>
            <p className="ms-muted">
              {r.baseUrl} · key {r.apiKeyHint ?? (r.apiKeyEnv ? `from ${r.apiKeyEnv}` : "none")} · temperature {r.temperature} · {r.concurrency} concurrent ·{" "}
              {r.maxRetries} retries · timeout {r.timeoutMs / 1000} s · seed <code>{r.seed}</code> · started {new Date(r.createdAt).toLocaleString()}
            </p>
            <div className="ms-progress__bar" role="progressbar" aria-label={`Run ${r.model} progress`} aria-valuemin={0} aria-valuemax={r.total} aria-valuenow={finished}>
              <div className="ms-progress__fill" style={{ width: `${pct}%` }} />
            </div>
            <dl className="ms-stats">
              <div><dt>Done</dt><dd data-testid="judge-done">{r.done}</dd></div>
              <div><dt>Failed</dt><dd data-testid="judge-failed">{r.failed}</dd></div>
              <div><dt>Remaining</dt><dd data-testid="judge-remaining">{r.remaining}</dd></div>
              <div><dt>Calls</dt><dd>{r.calls}</dd></div>
              <div><dt>Calls / min</dt><dd>{r.callsPerMinute ?? "—"}</dd></div>
            </dl>
            {r.lastError && <p className="ms-error" role="status">{r.lastError}</p>}
            {r.status === "running" && !r.active && <p className="ms-muted">Waiting for the server to pick this run up (it resumes at start-up).</p>}
            <p>
              {!readOnly && (r.status === "running" || r.status === "stopped") && (
                <button type="button" className="ms-button" disabled={busy === r.id} onClick={() => act(r.id, "cancel")}>Cancel</button>
              )}{" "}
              {!readOnly && r.status === "stopped" && (
                <button type="button" className="ms-button ms-button--primary" disabled={busy === r.id} onClick={() => act(r.id, "resume")}>Resume</button>
              )}{" "}
              {finished > 0 && r.id !== selectedRunId && <Link href={`/studies/${studyId}/judge?run=${r.id}`}>Compare with humans</Link>}
            </p>
            {finished > 0 && (
              <p>
                Download: <a href={`${base}?format=json`} download>judge_results_{r.id.slice(0, 8)}….json</a> ·{" "}
                {(["8", "2", "10", "5", "agreement"] as const).map((t, i) => (
                  <span key={t}>
                    {i > 0 && " · "}
                    {t === "agreement" ? "Agreement" : `Table ${t}`} (<a href={`${base}?table=${t}&format=csv`} download>CSV</a>, <a href={`${base}?table=${t}&format=md`} download>MD</a>,{" "}
                    <a href={`${base}?table=${t}&format=tex`} download>TeX</a>)
                  </span>
                ))}
              </p>
            )}
          </article>
        );
      })}
    </div>
  );
}
