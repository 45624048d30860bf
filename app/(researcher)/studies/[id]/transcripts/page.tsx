// Transcripts of a chat study: each conversation with its clip's facts, every turn with what produced it and how fast, and the survey.
import Link from "next/link";
import { AudioFacts } from "@/components/audio-facts";
import { listConversationsForExport } from "@/db/queries/chat/list-conversations-for-export";
import { ZAudioFacts } from "@/lib/audio/facts-schema";
import { BUILTIN_MODEL_NAME } from "@/lib/chat/config";
import { SURVEY_SCALES, SURVEY_SCALE_IDS, ZSurveyAnswer } from "@/studies/chat/survey";
import { loadOwnStudy } from "../../_lib/load-own-study";

export default async function TranscriptsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { study, researcherId } = await loadOwnStudy(id, "read");
  const conversations = await listConversationsForExport({ studyId: id, researcherId });
  const config = study.config;
  return (
    <>
      <p><Link href={`/studies/${id}`}>← {study.title}</Link> · <Link href={`/studies/${id}/results`}>Results</Link></p>
      <h1>Transcripts</h1>
      <p>{conversations.length} conversations. <a className="ms-button" href={`/api/studies/${id}/export?table=transcripts&format=csv`} download>Download all (JSONL)</a></p>
      {conversations.map((c, i) => {
        const facts = ZAudioFacts.safeParse(c.clipFacts);
        const survey = ZSurveyAnswer.safeParse(c.survey);
        return (
          <section key={c.id} className="ms-card ms-transcript-card" data-testid="transcript">
            <h2>Conversation {i + 1}</h2>
            <p className="ms-muted">
              Participant <code>{c.prolificPid ?? c.participantId.slice(0, 8)}</code> · {c.expertise ?? "expertise not given"} ·{" "}
              {c.startedAt ? `started ${c.startedAt.toISOString().replace("T", " ").slice(0, 19)} UTC` : "no clip chosen"}
              {c.endedAt ? ` · ended ${c.endedAt.toISOString().replace("T", " ").slice(0, 19)} UTC` : ""}
              {c.clipHash ? <> · clip <a href={`/api/audio/${c.clipHash}`}>{c.clipHash.slice(0, 12)}…</a> (window from {(c.windowStartMs / 1000).toFixed(1)} s)</> : null}
            </p>
            {facts.success && <AudioFacts facts={facts.data} collapsible />}
            <ol className="ms-transcript-turns">
              {c.turns.map((t) => (
                <li key={t.seq} data-role={t.role}>
                  <strong>{t.role === "user" ? "Participant" : "Assistant"}</strong>{" "}
                  <span className="ms-muted">
                    #{t.seq} · {t.status}
                    {t.role === "assistant" && (
                      <>
                        {" "}· {t.backend === "builtin" || t.model === BUILTIN_MODEL_NAME ? "built-in baseline" : `${t.backend} ${t.model ?? ""}`} · prompt {t.promptVersion}
                        {t.latencyFirstMs !== null ? ` · first token ${t.latencyFirstMs} ms` : ""}
                        {t.latencyLastMs !== null ? ` · last ${t.latencyLastMs} ms` : ""}
                        {t.completionTokens !== null ? ` · ${t.promptTokens ?? "?"}→${t.completionTokens} tokens` : ""}
                      </>
                    )}
                  </span>
                  {t.content && <p className="ms-pre">{t.content}</p>}
                  {t.error && <p className="ms-error">{t.error}</p>}
                </li>
              ))}
            </ol>
            {survey.success ? (
              <dl className="ms-stats">
                {SURVEY_SCALE_IDS.map((s) => (
                  <div key={s}><dt>{config.mode === "chat" ? config.survey[s].question : s}</dt><dd>{config.mode === "chat" ? config.survey[s].labels[(SURVEY_SCALES[s] as readonly string[]).indexOf(survey.data[s])] : survey.data[s]}</dd></div>
                ))}
                {survey.data.insights && <div><dt>Open insights</dt><dd>{survey.data.insights}</dd></div>}
              </dl>
            ) : (
              <p className="ms-muted">No survey yet.</p>
            )}
          </section>
        );
      })}
    </>
  );
}
