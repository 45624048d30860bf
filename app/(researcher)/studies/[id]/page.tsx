// One study: its participant link, progress, item import, settings and publishing.
import Link from "next/link";
import { loadOwnStudy } from "../_lib/load-own-study";
import { headers } from "next/headers";
import { getStudyProgress } from "@/db/queries/studies/get-study-progress";
import { ImportForm } from "../_components/import-form";
import { PublishButton } from "../_components/publish-button";
import { SettingsForm } from "../_components/settings-form";

export default async function StudyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { study, researcherId } = await loadOwnStudy(id);
  const progress = await getStudyProgress({ studyId: id, researcherId });
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "127.0.0.1:3000"}`;
  const link = `${origin}/s/${study.slug}`;
  return (
    <>
      <p><Link href="/studies">← All studies</Link></p>
      <h1>{study.title}</h1>
      <p>
        <span className={`ms-status ms-status-${study.status}`}>{study.status}</span> · {study.mode} ·{" "}
        {study.config.design.roundsPerParticipant} rounds per participant ·{" "}
        {study.config.design.judgmentsPerItem === null ? "every participant sees every item" : `${study.config.design.judgmentsPerItem} judgment(s) per item`}
      </p>
      <section className="ms-card">
        <h2>Participant link</h2>
        {study.status === "draft" ? (
          <>
            <p className="ms-muted">Import items, then publish to open the link.</p>
            <PublishButton studyId={study.id} disabled={progress.items === 0} />
          </>
        ) : (
          <>
            <p><code data-testid="participant-link">{link}</code></p>
            <p className="ms-muted">
              For Prolific use <code>{link}?PROLIFIC_PID={"{{%PROLIFIC_PID%}}"}&amp;STUDY_ID={"{{%STUDY_ID%}}"}&amp;SESSION_ID={"{{%SESSION_ID%}}"}</code>
            </p>
          </>
        )}
      </section>
      <section className="ms-card">
        <h2>Progress</h2>
        <dl className="ms-stats" data-testid="progress">
          <div><dt>Participants started</dt><dd>{progress.participantsStarted}</dd></div>
          <div><dt>Participants finished</dt><dd>{progress.participantsFinished}</dd></div>
          <div><dt>Judgments</dt><dd>{progress.judgments}</dd></div>
          <div><dt>Items judged</dt><dd>{progress.itemsJudged} of {progress.items}</dd></div>
          <div><dt>Rounds in progress</dt><dd>{progress.trialsPending}</dd></div>
        </dl>
        <p><Link className="ms-button" href={`/studies/${study.id}/results`}>Results and exports</Link></p>
        {study.config.mode === "listwise" && <p><Link className="ms-button" href={`/studies/${study.id}/judge`}>LLM judge</Link></p>}
        {study.config.mode === "rating" && <p><Link className="ms-button" href={`/studies/${study.id}/stems`}>Items from stems and advice by item id</Link></p>}
      </section>
      {study.status === "draft" && (
        <section className="ms-card">
          <h2>Import items</h2>
          <ImportForm studyId={study.id} mode={study.config.mode} systems={study.config.mode === "pairwise" ? [study.config.systems.generated, study.config.systems.reference] : study.config.systems.map((s) => s.id)} />
        </section>
      )}
      <section className="ms-card">
        <h2>Settings</h2>
        <SettingsForm studyId={study.id} config={study.config} live={study.status !== "draft"} />
      </section>
    </>
  );
}
