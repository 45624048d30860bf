"use client";
// Drives a participant through consent, profile, instructions, rounds and completion against the participant API.

import { StepStatus } from "./step-status";
import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import dynamic from "next/dynamic";
import type { AnswerMeasures } from "./use-round-answer";
import {
  ZExpertise,
  ZJoinResponse,
  ZParticipantState,
  type TAnswerValue,
  type TListeningValue,
  type TParticipantState,
  type TRankingAnswer,
  type TRatingAnswerValue,
} from "@/studies/participant-state";

// One chunk per mode: a pairwise participant does not download drag-and-drop, the stem player or the chat.
const loadingRound = () => (
  <p className="ms-status" role="status">
    Loading…
  </p>
);
const ChatStep = dynamic(() => import("./chat/chat-step").then((m) => m.ChatStep), { loading: loadingRound });
const SurveyStep = dynamic(() => import("./chat/survey-step").then((m) => m.SurveyStep), { loading: loadingRound });
const ListwiseRound = dynamic(() => import("./listwise-round").then((m) => m.ListwiseRound), { loading: loadingRound });
const PairwiseRound = dynamic(() => import("./pairwise-round").then((m) => m.PairwiseRound), { loading: loadingRound });
const RatingRound = dynamic(() => import("./rating-round").then((m) => m.RatingRound), { loading: loadingRound });

export interface ProlificIds {
  pid?: string;
  studyId?: string;
  sessionId?: string;
}

export interface ParticipantAppProps {
  slug: string;
  /** The session's State when the page already knows it (cookie present); null makes the app join. */
  initialState: TParticipantState | null;
  prolific: ProlificIds;
}

const REDIRECT_DELAY_MS = 1500;

/** A pairwise choice, a listwise ranking (letters, best first), or rating-mode ratings per position. */
type TSubmittedAnswer = TAnswerValue | TRankingAnswer | TRatingAnswerValue;

class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const ZProblem = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  code: z.string().optional(),
});

async function callApi<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // fetch only rejects when the request never got an answer.
    throw new ApiError("Could not reach the server. Check your connection and try again.", 0, null);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = ZProblem.safeParse(payload);
    const detail = problem.success ? (problem.data.detail ?? problem.data.title) : undefined;
    throw new ApiError(
      detail ?? `The request failed (HTTP ${response.status}). Please try again.`,
      response.status,
      problem.success ? (problem.data.code ?? null) : null,
    );
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError("The server sent an unexpected answer. Please reload the page.", response.status, null);
  }
  return parsed.data;
}

/** crypto.randomUUID exists only in secure contexts; a LAN test over plain http still needs an id. */
function newRequestId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

/** Only http(s) redirects; a javascript: URL in a study's settings must not run. */
function safeRedirectUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function ParticipantApp({ slug, initialState, prolific }: ParticipantAppProps) {
  const [state, setState] = useState<TParticipantState | null>(initialState);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [joinAttempt, setJoinAttempt] = useState(0);
  const joinedForAttempt = useRef<number | null>(null);
  const requestIds = useRef(new Map<string, string>());
  const base = `/api/s/${encodeURIComponent(slug)}`;

  useEffect(() => {
    if (state !== null) return;
    // Guards StrictMode's double effect run: one join per attempt.
    if (joinedForAttempt.current === joinAttempt) return;
    joinedForAttempt.current = joinAttempt;
    const body: Record<string, string> = {};
    if (prolific.pid) body.prolificPid = prolific.pid;
    if (prolific.studyId) body.prolificStudyId = prolific.studyId;
    if (prolific.sessionId) body.prolificSessionId = prolific.sessionId;
    callApi(`${base}/join`, ZJoinResponse, body)
      .then((joined) => setState(joined.state))
      .catch((e: unknown) => setJoinError(errorText(e)));
  }, [state, joinAttempt, base, prolific.pid, prolific.studyId, prolific.sessionId]);

  const post = useCallback(
    async (step: "consent" | "profile" | "instructions", body: unknown) => {
      setState(await callApi(`${base}/${step}`, ZParticipantState, body));
    },
    [base],
  );

  const answer = useCallback(
    async (trialId: string, value: TSubmittedAnswer, measures: AnswerMeasures, listening?: TListeningValue) => {
      // One id per trial, so a retry after a lost response is recognised as the same submit.
      let requestId = requestIds.current.get(trialId);
      if (!requestId) {
        requestId = newRequestId();
        requestIds.current.set(trialId, requestId);
      }
      try {
        const next = await callApi(`${base}/answer`, ZParticipantState, {
          trialId,
          answer: value,
          requestId,
          timeOnItemMs: measures.timeOnItemMs,
          listenedMs: measures.listenedMs,
          ...((listening ?? measures.listening) ? { listening: listening ?? measures.listening } : {}),
        });
        setState(next);
      } catch (e) {
        // A 409 may mean an earlier attempt was stored but its reply was lost: move on if the server has.
        if (e instanceof ApiError && e.status === 409) {
          const current = await callApi(`${base}/state`, ZParticipantState).catch(() => null);
          if (current && !(current.step === "trial" && current.trial?.trialId === trialId)) {
            setState(current);
            return;
          }
        }
        throw e;
      }
    },
    [base],
  );

  if (state === null) {
    return (
      <main className="ms-page">
        {joinError ? (
          <div className="ms-card">
            <p className="ms-error" role="alert">
              {joinError}
            </p>
            <button
              type="button"
              className="ms-button ms-button--primary"
              onClick={() => {
                setJoinError(null);
                setJoinAttempt((n) => n + 1);
              }}
            >
              Try again
            </button>
          </div>
        ) : (
          <p className="ms-status" role="status">
            Loading the study…
          </p>
        )}
      </main>
    );
  }

  return (
    <main className="ms-page">
      <h1 className="ms-page__title">{state.study.title}</h1>
      <StepView state={state} post={post} answer={answer} base={base} onState={setState} />
    </main>
  );
}

interface StepViewProps {
  state: TParticipantState;
  post: (step: "consent" | "profile" | "instructions", body: unknown) => Promise<void>;
  answer: (trialId: string, value: TSubmittedAnswer, measures: AnswerMeasures, listening?: TListeningValue) => Promise<void>;
  base: string;
  onState: (s: TParticipantState) => void;
}

function StepView({ state, post, answer, base, onState }: StepViewProps) {
  switch (state.step) {
    case "chat":
      return state.chat ? <ChatStep state={state} base={base} onState={onState} /> : <p className="ms-error" role="alert">The chat could not be loaded. Please reload the page.</p>;
    case "survey":
      return state.survey ? <SurveyStep survey={state.survey} base={base} onState={onState} /> : <p className="ms-error" role="alert">The questions could not be loaded. Please reload the page.</p>;
    case "consent":
      return <ConsentStep text={state.study.consentText} onConsent={() => post("consent", { consent: true })} />;
    case "profile":
      return <ProfileStep question={state.study.expertiseQuestion} onSubmit={(expertise) => post("profile", { expertise })} />;
    case "instructions":
      return (
        <InstructionsStep
          text={state.study.instructions}
          criteria={state.study.criteria}
          criteriaTitle={state.study.mode === "rating" ? "You will rate each response on" : undefined}
          onStart={() => post("instructions", {})}
        />
      );
    case "trial": {
      const trial = state.trial;
      if (!trial) {
        return (
          <p className="ms-error" role="alert">
            This round could not be loaded. Please reload the page.
          </p>
        );
      }
      if (state.study.mode === "rating") {
        return (
          <RatingRound
            trial={trial}
            criteria={state.study.ratingCriteria ?? []}
            feedback={state.study.feedback ?? { enabled: false, required: false, label: "" }}
            presentation={state.study.presentation ?? "one_at_a_time"}
            requireMixPlayed={state.study.listening?.requireMixPlayed ?? "none"}
            progress={state.progress}
            onAnswer={(submission, measures) => answer(trial.trialId, submission.answer, measures, submission.listening)}
          />
        );
      }
      if (state.study.mode === "listwise") {
        return (
          <ListwiseRound
            trial={trial}
            criteria={state.study.criteria}
            progress={state.progress}
            requireListening={state.study.listening?.requireMixPlayed ?? "none"}
            onAnswer={(ranking, measures) => answer(trial.trialId, ranking, measures)}
          />
        );
      }
      return (
        <PairwiseRound
          trial={trial}
          answerOptions={state.study.answerOptions}
          progress={state.progress}
          requireListening={state.study.listening?.requireMixPlayed ?? "none"}
          onAnswer={(value, measures) => answer(trial.trialId, value, measures)}
        />
      );
    }
    case "full":
      return (
        <section className="ms-card">
          <h2>This study is full</h2>
          <p>Thank you for your interest. Every item already has enough answers, so there is nothing left to judge. Please return the study on Prolific.</p>
        </section>
      );
    case "done":
      return <DoneStep code={state.completion?.code ?? null} redirectUrl={state.completion?.redirectUrl ?? null} />;
    case "screened_out":
      // A failed attention check ended the session (the study chose screen_out): no more rounds, Prolific's screen-out code.
      return (
        <DoneStep
          code={state.screenOut?.code ?? null}
          redirectUrl={state.screenOut?.redirectUrl ?? null}
          title="Your session has ended"
          intro="Thank you for your time. This study cannot continue with your session, so there are no more rounds. Please return to Prolific with the code below."
          codeLabel="Your screen-out code:"
        />
      );
  }
}

/** Moves focus to a step's heading when the step appears, so keyboard and screen-reader users start there. */
function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/** Shared in-flight state for a step's single submit: disables the button and shows the API's message. */
function useStepSubmit() {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorText(e));
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  }, []);
  return { saving, error, run };
}


function ConsentStep({ text, onConsent }: { text: string; onConsent: () => Promise<void> }) {
  const [agreed, setAgreed] = useState(false);
  const [declined, setDeclined] = useState(false);
  const { saving, error, run } = useStepSubmit();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const checkboxId = useId();

  if (declined) {
    return (
      <section className="ms-card" aria-labelledby="ms-declined-heading">
        <h2 id="ms-declined-heading" tabIndex={-1} ref={headingRef} className="ms-step-title">
          Thank you
        </h2>
        <p>
          You chose not to take part. Nothing more is needed from you, and you can close this tab. If you came from
          Prolific, please return the study there.
        </p>
        <button type="button" className="ms-button ms-button--quiet" onClick={() => setDeclined(false)}>
          Go back to the consent form
        </button>
      </section>
    );
  }

  return (
    <section className="ms-card" aria-labelledby="ms-consent-heading">
      <h2 id="ms-consent-heading" tabIndex={-1} ref={headingRef} className="ms-step-title">
        Consent
      </h2>
      <div className="ms-pre ms-longtext">{text}</div>
      <form
        className="ms-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (agreed) void run(onConsent);
        }}
      >
        <div className="ms-check">
          <input
            id={checkboxId}
            type="checkbox"
            checked={agreed}
            onChange={(e) => setAgreed(e.currentTarget.checked)}
          />
          <label htmlFor={checkboxId}>I agree</label>
        </div>
        <div className="ms-actions">
          <button type="submit" className="ms-button ms-button--primary" disabled={!agreed || saving}>
            Continue
          </button>
          <button type="button" className="ms-button" disabled={saving} onClick={() => setDeclined(true)}>
            I do not consent
          </button>
        </div>
        <StepStatus saving={saving} error={error} />
      </form>
    </section>
  );
}

const ZProfileForm = z.object({ expertise: ZExpertise });
type TProfileForm = z.infer<typeof ZProfileForm>;

function ProfileStep({ question, onSubmit }: { question: string; onSubmit: (expertise: TProfileForm["expertise"]) => Promise<void> }) {
  const { saving, error, run } = useStepSubmit();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const { register, handleSubmit, watch } = useForm<TProfileForm>({
    resolver: zodResolver(ZProfileForm),
    mode: "onChange",
  });
  const chosen = watch("expertise");
  const baseId = useId();

  return (
    <section className="ms-card" aria-labelledby="ms-profile-heading">
      <h2 id="ms-profile-heading" tabIndex={-1} ref={headingRef} className="ms-step-title">
        About you
      </h2>
      <form className="ms-form" onSubmit={handleSubmit((values) => run(() => onSubmit(values.expertise)))}>
        <fieldset className="ms-fieldset">
          <legend className="ms-legend">{question}</legend>
          <div className="ms-radio-group">
            {ZExpertise.options.map((level) => (
              <div key={level} className="ms-radio">
                <input id={`${baseId}-${level}`} type="radio" value={level} {...register("expertise")} />
                <label htmlFor={`${baseId}-${level}`}>{level}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="ms-actions">
          <button type="submit" className="ms-button ms-button--primary" disabled={!chosen || saving}>
            Continue
          </button>
        </div>
        <StepStatus saving={saving} error={error} />
      </form>
    </section>
  );
}

function InstructionsStep({ text, criteria, criteriaTitle = "Criteria, in order of importance", onStart }: { text: string; criteria: string[]; criteriaTitle?: string; onStart: () => Promise<void> }) {
  const { saving, error, run } = useStepSubmit();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="ms-card" aria-labelledby="ms-instructions-heading">
      <h2 id="ms-instructions-heading" tabIndex={-1} ref={headingRef} className="ms-step-title">
        Instructions
      </h2>
      <div className="ms-pre ms-longtext">{text}</div>
      {criteria.length > 0 ? (
        <section className="ms-rank__criteria" aria-labelledby="ms-criteria-heading">
          <h3 id="ms-criteria-heading" className="ms-section-title">
            {criteriaTitle}
          </h3>
          <ol>
            {criteria.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="ms-actions">
        <button type="button" className="ms-button ms-button--primary" disabled={saving} onClick={() => void run(onStart)}>
          Start
        </button>
      </div>
      <StepStatus saving={saving} error={error} />
    </section>
  );
}

function DoneStep({ code, redirectUrl, title = "Thank you — you have finished", intro, codeLabel = "Your completion code:" }: {
  code: string | null;
  redirectUrl: string | null;
  title?: string;
  intro?: string;
  codeLabel?: string;
}) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [copyStatus, setCopyStatus] = useState("");
  const codeRef = useRef<HTMLElement>(null);
  const [target, setTarget] = useState<string | null>(null);

  useEffect(() => {
    const url = safeRedirectUrl(redirectUrl);
    setTarget(url);
    if (!url) return;
    const timer = window.setTimeout(() => window.location.assign(url), REDIRECT_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [redirectUrl]);

  const copy = async () => {
    if (!code) return;
    try {
      await navigator.clipboard.writeText(code);
      setCopyStatus("Copied to the clipboard.");
    } catch {
      // Clipboard access can be refused (http, permissions): select the code for a manual copy instead.
      const node = codeRef.current;
      const selection = window.getSelection();
      if (node && selection) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopyStatus("Copying was blocked; the code is selected — press Ctrl+C (or ⌘C) to copy it.");
    }
  };

  return (
    <section className="ms-card" aria-labelledby="ms-done-heading">
      <h2 id="ms-done-heading" tabIndex={-1} ref={headingRef} className="ms-step-title">
        {title}
      </h2>
      {intro ? <p>{intro}</p> : null}
      {code ? (
        <>
          <p>{codeLabel}</p>
          <p className="ms-code-row">
            <code ref={codeRef} className="ms-code">
              {code}
            </code>
            <button type="button" className="ms-button" onClick={() => void copy()}>
              Copy code
            </button>
          </p>
          <p className="ms-status" role="status" aria-live="polite">
            {copyStatus}
          </p>
        </>
      ) : null}
      {target ? (
        <p>
          Returning you to Prolific… If nothing happens, <a href={target}>continue to Prolific</a>.
        </p>
      ) : null}
    </section>
  );
}
