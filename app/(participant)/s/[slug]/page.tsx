// A participant's study page: resumes the session in the cookie, else joins with the Prolific ids.
import { cookies } from "next/headers";
import { ParticipantApp } from "@/components/participant-app";
import { getParticipantByToken } from "@/db/queries/participants/get-participant-by-token";
import { participantCookieName } from "@/db/queries/participants/participant-token";
import { getLiveStudyBySlug } from "@/db/queries/studies/get-live-study-by-slug";
import { AppError } from "@/lib/http/app-error";
import { stateFor } from "@/lib/http/participant-state";

export const dynamic = "force-dynamic";

type TSearch = { PROLIFIC_PID?: string; STUDY_ID?: string; SESSION_ID?: string };

export default async function ParticipantPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<TSearch> }) {
  const { slug } = await params;
  const sp = await searchParams;
  const one = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 128 ? v : undefined);
  const prolific = { pid: one(sp.PROLIFIC_PID), studyId: one(sp.STUDY_ID), sessionId: one(sp.SESSION_ID) };
  try {
    await getLiveStudyBySlug({ slug });
  } catch (err) {
    if (err instanceof AppError) return <Unavailable title={err.code === "STUDY_CLOSED" ? "This study is closed" : "Study unavailable"} message={err.message} />;
    throw err;
  }
  const token = (await cookies()).get(participantCookieName(slug))?.value;
  let initialState = null;
  if (token) {
    try {
      const scope = await getParticipantByToken({ slug, token });
      const state = await stateFor(scope);
      // A different Prolific PID in the link is a different person on this browser: join afresh.
      if (!prolific.pid || (await samePid(scope.participantId, prolific.pid))) initialState = state;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return <ParticipantApp slug={slug} initialState={initialState} prolific={prolific} />;
}

async function samePid(participantId: string, pid: string): Promise<boolean> {
  const { getParticipantPid } = await import("@/db/queries/participants/get-participant-pid");
  return (await getParticipantPid({ participantId })) === pid;
}

function Unavailable({ title, message }: { title: string; message: string }) {
  return (
    <main className="ms-page">
      <h1>{title}</h1>
      <p>{message}</p>
    </main>
  );
}
