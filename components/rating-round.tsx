"use client";
// One rating round: the conversation, the mix and its stems in sync, then every response (A, B, … in the
// rater's stored order) rated on each criterion, with optional feedback; one at a time or side by side.

import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import { useForm, useWatch, type UseFormRegister } from "react-hook-form";
import { z } from "zod";
import { ConversationView } from "./conversation-view";
import { MultiClipPlayer, formatClock, type TMultiClipListening } from "./multi-clip-player";
import { ProgressIndicator } from "./round-context";
import { StepStatus } from "./step-status";
import { useRoundAnswer, type AnswerMeasures } from "./use-round-answer";
import type {
  TListeningValue,
  TProgress,
  TRatingAnswerValue,
  TRatingCriterionView,
  TRatingFeedbackView,
  TRequireMixPlayed,
  TTrial,
  TTrialClip,
} from "@/studies/participant-state";

/** The most characters one feedback text may have (the server's limit, studies/rating/config.ts). */
const FEEDBACK_MAX_CHARS = 5000;
/** "Played in full" tolerates the last frame or so that the player's clock may not credit. */
const FULL_PLAY_TOLERANCE_MS = 300;

export interface TRatingSubmission {
  answer: TRatingAnswerValue;
  listening: TListeningValue;
}

export interface RatingRoundProps {
  trial: TTrial;
  criteria: TRatingCriterionView[];
  feedback: TRatingFeedbackView;
  presentation: "one_at_a_time" | "side_by_side";
  requireMixPlayed: TRequireMixPlayed;
  progress: TProgress;
  /** Saves the ratings; reject with an Error whose message the rater should see. */
  onAnswer: (submission: TRatingSubmission, measures: AnswerMeasures) => Promise<void>;
}

/** Form values: every radio holds a string ("4", "yes", "raise"); an untouched one is undefined or null. */
type TFormValues = {
  ratings: Record<string, Record<string, string | null | undefined>>;
  feedback: Record<string, string>;
};

function scaleValues(criterion: TRatingCriterionView): string[] {
  const scale = criterion.scale;
  switch (scale.kind) {
    case "likert":
      return Array.from({ length: scale.points }, (_, i) => String(i + 1));
    case "binary":
      return ["yes", "no"];
    case "categorical":
      return scale.options.map((o) => o.value);
  }
}

/** The form's schema, built from the study's criteria and the positions shown: the same rules the API applies. */
function formSchema(criteria: TRatingCriterionView[], positions: string[], feedback: TRatingFeedbackView) {
  const perResponse = z.object(
    Object.fromEntries(
      criteria.map((c) => {
        const values = scaleValues(c) as [string, ...string[]];
        const value = z.enum(values, { error: `Rate "${c.label}".` });
        return [c.id, c.required ? value : value.nullish()];
      }),
    ),
  );
  const text = z.string().max(FEEDBACK_MAX_CHARS, `Feedback can be at most ${FEEDBACK_MAX_CHARS} characters.`);
  const feedbackText = feedback.enabled && feedback.required ? text.refine((t) => t.trim().length > 0, "Write your feedback.") : text;
  return z.object({
    ratings: z.object(Object.fromEntries(positions.map((p) => [p, perResponse]))),
    feedback: z.object(Object.fromEntries(positions.map((p) => [p, feedbackText]))),
  });
}

/** Likert points go to the API as numbers, the rest as their value; unanswered optional criteria are left out. */
function toAnswer(values: TFormValues, criteria: TRatingCriterionView[], positions: string[], feedback: TRatingFeedbackView): TRatingAnswerValue {
  const ratings: TRatingAnswerValue["ratings"] = {};
  for (const p of positions) {
    ratings[p] = {};
    for (const c of criteria) {
      const v = values.ratings[p]?.[c.id];
      if (v === undefined || v === null || v === "") continue;
      ratings[p][c.id] = c.scale.kind === "likert" ? Number(v) : v;
    }
  }
  if (!feedback.enabled) return { ratings };
  const texts = Object.fromEntries(positions.map((p) => [p, (values.feedback[p] ?? "").trim()]).filter(([, t]) => t.length > 0));
  return Object.keys(texts).length > 0 ? { ratings, feedback: texts } : { ratings };
}

/** Which clip is "the mix" for the listening rule: the first clip with role mix, else the first clip. */
function mixClip(clips: TTrialClip[]): TTrialClip | null {
  return clips.find((c) => c.role === "mix") ?? clips[0] ?? null;
}

/** Null when the listening rule is met, else what is still needed, in the rater's words. */
function listeningShortfall(rule: TRequireMixPlayed, clips: TTrialClip[], listening: TMultiClipListening | null): string | null {
  if (rule === "none") return null;
  const mix = mixClip(clips);
  if (!mix) return null;
  const heardMs = listening?.clips[mix.label]?.playedMs ?? 0;
  if (rule === "full") {
    const durationMs = listening?.durationsMs[mix.label];
    if (durationMs !== undefined && heardMs >= durationMs - FULL_PLAY_TOLERANCE_MS) return null;
    return durationMs === undefined
      ? `Play the ${mix.label.toLowerCase()} all the way through first.`
      : `Play the ${mix.label.toLowerCase()} all the way through first (${formatClock(heardMs / 1000)} of ${formatClock(durationMs / 1000)} heard).`;
  }
  const neededMs = rule.seconds * 1000;
  if (heardMs >= neededMs) return null;
  return `Listen to the ${mix.label.toLowerCase()} for at least ${rule.seconds} s first (${(heardMs / 1000).toFixed(1)} s so far).`;
}

/** Keyed on the trial so the form, timers and the in-flight guard restart with every round. */
export function RatingRound(props: RatingRoundProps) {
  return <RatingRoundInner key={props.trial.trialId} {...props} />;
}

function RatingRoundInner({ trial, criteria, feedback, presentation, requireMixPlayed, progress, onAnswer }: RatingRoundProps) {
  const positions = useMemo(() => trial.responses.map((r) => r.position), [trial.responses]);
  const schema = useMemo(() => formSchema(criteria, positions, feedback), [criteria, positions, feedback]);
  const defaultValues = useMemo<TFormValues>(
    () => ({
      ratings: Object.fromEntries(positions.map((p) => [p, Object.fromEntries(criteria.map((c) => [c.id, null]))])),
      feedback: Object.fromEntries(positions.map((p) => [p, ""])),
    }),
    [positions, criteria],
  );
  const { register, handleSubmit, control } = useForm<TFormValues>({
    // The schema's output type (numbers are still strings here) matches the form values.
    resolver: zodResolver(schema as unknown as z.ZodType<TFormValues, TFormValues>),
    defaultValues,
    mode: "onChange",
  });
  const values = useWatch({ control }) as TFormValues;
  const round = useRoundAnswer(onAnswer, "Your ratings could not be saved. Please press Submit ratings again.");
  const { headingRef, onListened, submitting, error } = round;
  const listeningRef = useRef<TMultiClipListening | null>(null);
  const [listening, setListening] = useState<TMultiClipListening | null>(null);
  const [current, setCurrent] = useState(0);
  const reasonId = useId();
  const clips = useMemo(() => trial.clips ?? (trial.audio ? [{ label: "Mix", role: "mix" as const, url: trial.audio.url }] : []), [trial.clips, trial.audio]);

  const onListening = useCallback(
    (l: TMultiClipListening) => {
      listeningRef.current = l;
      setListening(l);
      onListened(Object.values(l.clips).reduce((s, c) => s + c.playedMs, 0));
    },
    [onListened],
  );

  // What still blocks Submit, per response, in the order the rater meets it.
  const missing = positions.map((p) => ({
    position: p,
    criteria: criteria.filter((c) => c.required && !values.ratings?.[p]?.[c.id]).map((c) => c.label),
    feedback: feedback.enabled && feedback.required && !(values.feedback?.[p] ?? "").trim(),
  }));
  const incomplete = missing.filter((m) => m.criteria.length > 0 || m.feedback);
  const shortfall = listeningShortfall(requireMixPlayed, clips, listening);
  const reasons = [
    ...(shortfall ? [shortfall] : []),
    ...incomplete.map((m) => {
      const what = [
        ...(m.criteria.length === criteria.filter((c) => c.required).length && m.criteria.length > 1 ? ["every criterion"] : m.criteria),
        ...(m.feedback ? ["feedback"] : []),
      ];
      return `Response ${m.position}: still to answer — ${what.join(", ")}.`;
    }),
  ];
  const ready = reasons.length === 0;

  const onSubmit = handleSubmit((v) =>
    round.submit({
      answer: toAnswer(v, criteria, positions, feedback),
      listening: { clips: { ...(listeningRef.current?.clips ?? {}) } },
    }),
  );

  const oneAtATime = presentation === "one_at_a_time" && positions.length > 1;
  const last = current === positions.length - 1;

  return (
    <article className="ms-round ms-rate" aria-labelledby="ms-round-heading">
      <header className="ms-round__header">
        <h2 id="ms-round-heading" ref={headingRef} tabIndex={-1} className="ms-round__title">
          Round {progress.round} of {progress.total}
        </h2>
        <ProgressIndicator progress={progress} />
      </header>

      {clips.length > 0 ? <MultiClipPlayer clips={clips} label={clips.length > 1 ? "Mix and stems" : "Audio clip"} onListeningChange={onListening} /> : null}

      {trial.history.length > 0 ? (
        <ConversationView history={trial.history} userUtterance={trial.userUtterance} />
      ) : (
        // Items built from stems have a prompt but no dialogue: show the prompt alone.
        <section className="ms-conversation" aria-labelledby="ms-rate-prompt">
          <h3 id="ms-rate-prompt" className="ms-section-title">
            Prompt
          </h3>
          <div className="ms-turn ms-turn--latest">
            <p className="ms-turn__text ms-pre">{trial.userUtterance}</p>
          </div>
        </section>
      )}

      <form className="ms-form ms-rate__form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <h3 className="ms-section-title">
          {positions.length > 1 ? `Rate each of the ${positions.length} responses` : "Rate the response"}
        </h3>

        {oneAtATime ? (
          <nav className="ms-rate__tabs" aria-label="Responses">
            {positions.map((p, i) => {
              const done = !incomplete.some((m) => m.position === p);
              return (
                <button
                  key={p}
                  type="button"
                  className={`ms-button ms-rate__tab${i === current ? " ms-rate__tab--on" : ""}`}
                  aria-current={i === current ? "step" : undefined}
                  onClick={() => setCurrent(i)}
                >
                  Response {p}
                  <span className="ms-rate__tab-state">{done ? " ✓" : ""}</span>
                  <span className="ms-visually-hidden">{done ? " (rated)" : " (not rated yet)"}</span>
                </button>
              );
            })}
          </nav>
        ) : null}

        <div className={oneAtATime ? "ms-rate__responses" : "ms-rate__responses ms-rate__responses--side"}>
          {trial.responses.map((response, i) => (
            <ResponseCard
              key={response.position}
              position={response.position}
              text={response.text}
              criteria={criteria}
              feedback={feedback}
              register={register}
              disabled={submitting}
              hidden={oneAtATime && i !== current}
              counter={oneAtATime ? `${i + 1} of ${positions.length}` : null}
            />
          ))}
        </div>

        {oneAtATime ? (
          <div className="ms-actions ms-rate__nav">
            <button type="button" className="ms-button" disabled={current === 0} onClick={() => setCurrent((c) => Math.max(0, c - 1))}>
              <span aria-hidden="true">←</span> Previous response
            </button>
            <button type="button" className="ms-button" disabled={last} onClick={() => setCurrent((c) => Math.min(positions.length - 1, c + 1))}>
              Next response <span aria-hidden="true">→</span>
            </button>
          </div>
        ) : null}

        <div className="ms-actions ms-rate__submit">
          <button type="submit" className="ms-button ms-button--primary" disabled={!ready || submitting} aria-describedby={reasonId}>
            Submit ratings
          </button>
        </div>
        <div id={reasonId} className="ms-rate__reasons" aria-live="polite">
          {ready ? null : (
            <>
              <p className="ms-muted ms-rate__reasons-title">Submit is available once:</p>
              <ul className="ms-muted">
                {reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <StepStatus saving={submitting} error={error} />
      </form>
    </article>
  );
}

interface ResponseCardProps {
  position: string;
  text: string;
  criteria: TRatingCriterionView[];
  feedback: TRatingFeedbackView;
  register: UseFormRegister<TFormValues>;
  disabled: boolean;
  hidden: boolean;
  /** "1 of 2" when responses are shown one at a time. */
  counter: string | null;
}

function ResponseCard({ position, text, criteria, feedback, register, disabled, hidden, counter }: ResponseCardProps) {
  const titleId = `ms-rate-title-${position}`;
  const feedbackId = useId();
  return (
    <section className="ms-card ms-rate__response" aria-labelledby={titleId} hidden={hidden} data-testid={`response-${position}`}>
      <h4 id={titleId} className="ms-response__title">
        Response {position}
        {counter ? <span className="ms-muted ms-rate__counter"> ({counter})</span> : null}
      </h4>
      <p className="ms-pre ms-rate__text">{text}</p>
      {criteria.map((c) => (
        <CriterionField key={c.id} position={position} criterion={c} register={register} disabled={disabled} />
      ))}
      {feedback.enabled ? (
        <div className="ms-rate__feedback">
          <label htmlFor={feedbackId} className="ms-rate__feedback-label">
            {feedback.label}
            <span className="ms-visually-hidden"> for Response {position}</span>
          </label>
          <textarea
            id={feedbackId}
            rows={3}
            maxLength={FEEDBACK_MAX_CHARS}
            disabled={disabled}
            {...register(`feedback.${position}`)}
          />
        </div>
      ) : null}
    </section>
  );
}

/** The labelled points of a Likert scale, low to high: the two ends, plus any inner point the study names. */
function likertLabels(scale: Extract<TRatingCriterionView["scale"], { kind: "likert" }>): [number, string][] {
  return Array.from({ length: scale.points }, (_, i) => i + 1).flatMap((point): [number, string][] => {
    const text = scale.labels.points?.[String(point)] ?? (point === 1 ? scale.labels.low : point === scale.points ? scale.labels.high : null);
    return text ? [[point, text]] : [];
  });
}

function CriterionField({
  position,
  criterion,
  register,
  disabled,
}: {
  position: string;
  criterion: TRatingCriterionView;
  register: UseFormRegister<TFormValues>;
  disabled: boolean;
}) {
  const baseId = useId();
  const helpId = `${baseId}-help`;
  const field = register(`ratings.${position}.${criterion.id}`);
  const scale = criterion.scale;
  return (
    <fieldset className="ms-fieldset ms-rate__criterion" aria-describedby={criterion.help ? helpId : undefined} disabled={disabled}>
      <legend className="ms-legend ms-rate__legend">
        {criterion.label}
        <span className="ms-visually-hidden"> — Response {position}</span>
        {criterion.required ? null : <span className="ms-muted"> (optional)</span>}
      </legend>
      {criterion.help ? (
        <p id={helpId} className="ms-muted ms-rate__help">
          {criterion.help}
        </p>
      ) : null}
      {scale.kind === "likert" ? (
        <div className="ms-likert" style={{ ["--ms-likert-points" as string]: scale.points }}>
          <div className="ms-likert__points">
            {Array.from({ length: scale.points }, (_, i) => {
              const point = i + 1;
              const pointLabel = likertLabels(scale).find(([p]) => p === point)?.[1] ?? null;
              const id = `${baseId}-${point}`;
              return (
                <div key={point} className="ms-likert__point">
                  <input id={id} type="radio" value={String(point)} {...field} />
                  <label htmlFor={id}>
                    <span className="ms-likert__num">{point}</span>
                    {/* The space keeps the radio's name "1 Not at all effective", not "1Not …". */}
                    {pointLabel ? <span className="ms-likert__text"> {pointLabel}</span> : null}
                  </label>
                </div>
              );
            })}
          </div>
          {/* Narrow cards: the point labels move under the row (the tiles keep them as the radios' names). */}
          <p className="ms-likert__ends" aria-hidden="true">
            {likertLabels(scale).map(([point, text]) => (
              <span key={point}>
                {point} = {text}
              </span>
            ))}
          </p>
        </div>
      ) : (
        <div className="ms-rate__options">
          {(scale.kind === "binary"
            ? [
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]
            : scale.options
          ).map((o) => {
            const id = `${baseId}-${o.value}`;
            return (
              <div key={o.value} className="ms-radio ms-rate__option">
                <input id={id} type="radio" value={o.value} {...field} />
                <label htmlFor={id}>{o.label}</label>
              </div>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}
