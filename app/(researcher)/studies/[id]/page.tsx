// One study: its participant link, progress, item import, settings and publishing; its life cycle (version, close,
// duplicate), who has access, and the audit log. Viewers see everything and change nothing.
import "@/components/lifecycle.css";
import Link from "next/link";
import { loadOwnStudy } from "../_lib/load-own-study";
import { headers } from "next/headers";
import { listAudit } from "@/db/queries/audit/list-audit";
import { getStudyProgress } from "@/db/queries/studies/get-study-progress";
import { listStudyShares } from "@/db/queries/studies/list-study-shares";
import { shortHash } from "@/lib/lifecycle/config-hash";
import { listStudyClips } from "@/db/queries/audio/list-study-clips";
import { StudyClips } from "@/components/study-clips";
import { ImportForm } from "../_components/import-form";
import { PublishButton } from "../_components/publish-button";
import { SettingsForm } from "../_components/settings-form";
import { AuditLog } from "./_components/audit-log";
import { LifecycleActions } from "./_components/lifecycle-actions";
import { SharesPanel } from "./_components/shares-panel";

export default async function StudyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { study, researcherId } = await loadOwnStudy(id, "read");
  const canWrite = study.role !== "viewer";
  const isOwner = study.role === "owner";
  const [progress, shares, audit] = await Promise.all([
    getStudyProgress({ studyId: id, researcherId }),
    listStudyShares({ studyId: id, researcherId }),
    listAudit({ studyId: id, researcherId, limit: 20 }),
  ]);
  const clips = await listStudyClips({ studyId: id, researcherId, limit: 20 });
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
      <p className="ms-provenance" data-testid="config-version">
        Configuration v{study.version} · hash <code title={study.configHash}>{shortHash(study.configHash)}</code> ·{" "}
        <a href={`/api/studies/${id}/export?table=config&format=json`} download>configuration export (JSON)</a>
      </p>
      {!isOwner && (
        <p className="ms-readonly-note" data-testid="shared-role">
          Shared with you as <span className={`ms-badge ms-badge-${study.role}`}>{study.role}</span> by {shares.owner.email}
          {study.role === "viewer" ? ": you can read and export, not change anything." : "."}
        </p>
      )}
      <section className="ms-card">
        <h2>Participant link</h2>
        {study.status === "draft" ? (
          <>
            <p className="ms-muted">Import items, then publish to open the link.</p>
            {canWrite && <PublishButton studyId={study.id} disabled={progress.items === 0} />}
          </>
        ) : (
          <>
            <p><code data-testid="participant-link">{link}</code></p>
            {study.status === "closed" ? (
              <p className="ms-muted">Closed{study.closedAt ? ` on ${study.closedAt.toISOString().slice(0, 10)}` : ""}: participants are turned away; results stay readable.</p>
            ) : (
              <p className="ms-muted">
                For Prolific use <code>{link}?PROLIFIC_PID={"{{%PROLIFIC_PID%}}"}&amp;STUDY_ID={"{{%STUDY_ID%}}"}&amp;SESSION_ID={"{{%SESSION_ID%}}"}</code>
              </p>
            )}
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
        <p className="ms-actions">
          <Link className="ms-button" href={`/studies/${study.id}/results`}>Results and exports</Link>
          <Link className="ms-button" href={`/studies/${study.id}/progress`}>Progress in detail</Link>
          {study.config.mode === "listwise" && <Link className="ms-button" href={`/studies/${study.id}/judge`}>LLM judge</Link>}
          {study.config.mode === "chat" && <Link className="ms-button" href={`/studies/${study.id}/transcripts`}>Transcripts</Link>}
          {study.config.mode === "rating" && canWrite && <Link className="ms-button" href={`/studies/${study.id}/stems`}>Items from stems and advice by item id</Link>}
        </p>
      </section>
      {study.status === "draft" && canWrite && (
        <section className="ms-card">
          <h2>Import items</h2>
          <ImportForm studyId={study.id} mode={study.config.mode} systems={study.config.mode === "pairwise" ? [study.config.systems.generated, study.config.systems.reference] : study.config.mode === "listwise" ? study.config.systems.map((s) => s.id) : []} />
        </section>
      )}
      {clips.total > 0 && (
        <section className="ms-card">
          <h2>Audio clips</h2>
          <StudyClips clips={clips.clips} total={clips.total} />
        </section>
      )}
      <section className="ms-card">
        <h2>Settings</h2>
        {study.status === "live" && canWrite && (
          <p className="ms-muted">This study is live: saving changed texts or codes freezes them as configuration v{study.version + 1}; the design and systems stay as they are.</p>
        )}
        <SettingsForm studyId={study.id} config={study.config} live={study.status !== "draft"} readOnly={!canWrite || study.status === "closed"} />
      </section>
      <section className="ms-card">
        <h2>Life cycle</h2>
        <LifecycleActions studyId={study.id} status={study.status} canWrite={canWrite} isOwner={isOwner} />
      </section>
      <section className="ms-card">
        <h2>Sharing</h2>
        <SharesPanel studyId={study.id} isOwner={isOwner} view={shares} />
      </section>
      <section className="ms-card">
        <h2>Audit log</h2>
        <AuditLog entries={audit} />
      </section>
    </>
  );
}
