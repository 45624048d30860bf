// LLM judge of a listwise study: start runs, watch their progress, and compare the judge with the human raters.
import Link from "next/link";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { buildJudgeTable, humanTable7 } from "@/lib/judge/exports";
import { apiKeyHint } from "@/lib/judge/api-key";
import { loadJudgeExportData } from "@/lib/judge/load-export-data";
import { isJudgeRunActive } from "@/lib/judge/registry";
import { defaultJudgeSystemPrompt } from "@/lib/llm/judge-prompt";
import { TableSection } from "../../_components/table-section";
import { loadOwnStudy } from "../../_lib/load-own-study";
import { JudgeRuns } from "./_components/judge-runs";
import { StartJudgeForm } from "./_components/start-judge-form";

const UUID = /^[0-9a-f-]{36}$/i;

export default async function JudgePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ run?: string }> }) {
  const { id } = await params;
  const { run: runParam } = await searchParams;
  const { study, researcherId } = await loadOwnStudy(id, "read");
  const canWrite = study.role !== "viewer";
  if (study.config.mode !== "listwise") notFound();
  let data;
  try {
    data = await loadJudgeExportData({ studyId: id, researcherId, runId: runParam && UUID.test(runParam) ? runParam : undefined });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  const runs = data.allRuns.map((r) => ({ ...r, active: isJudgeRunActive(r.id) }));
  const serverKey = env().MIXSTUDY_JUDGE_API_KEY;
  const run = data.run;
  const judgeBase = run ? `/api/studies/${id}/judge/${run.id}/export` : "";
  return (
    <>
      <p><Link href={`/studies/${id}`}>← {study.title}</Link></p>
      <h1>LLM judge</h1>
      <p className="ms-muted">
        The judge ranks the same items as the raters, with the responses under letters in an order shuffled per item. A reply that does not parse is
        asked again, then recorded as failed and counted as failed in every table — never replaced by a guess.
      </p>
      {canWrite && (
        <section className="ms-card">
          <h2>Start a run</h2>
          <StartJudgeForm studyId={id} defaultPrompt={defaultJudgeSystemPrompt(study.config.systems.length)} serverKeyHint={serverKey ? apiKeyHint(serverKey) : null} />
        </section>
      )}
      <section className="ms-card">
        <h2>Runs</h2>
        <JudgeRuns studyId={id} initialRuns={runs} selectedRunId={run?.id ?? null} readOnly={!canWrite} />
      </section>
      {run ? (
        <>
          <h2>Humans and the judge ({run.model})</h2>
          <div className="ms-side-by-side">
            <TableSection table={humanTable7(data.human, data.systems)} downloads={`/api/studies/${id}/export?table=7`} tableId="human-7" />
            <TableSection table={buildJudgeTable("8", { ...data, run })} downloads={`${judgeBase}?table=8`} tableId="judge-8" />
          </div>
          <TableSection table={buildJudgeTable("5", { ...data, run })} downloads={`${judgeBase}?table=5`} tableId="judge-5" />
          <TableSection table={buildJudgeTable("agreement", { ...data, run })} downloads={`${judgeBase}?table=agreement`} tableId="judge-agreement" />
        </>
      ) : (
        <p className="ms-muted">Tables comparing the judge with the raters appear once a run has results.</p>
      )}
    </>
  );
}
