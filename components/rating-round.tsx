"use client";
// One rating round: the conversation, the mix and its stems in sync, then every response (A, B, … in the
// rater's stored order) rated on each criterion, with optional feedback; one at a time or side by side.

import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import { useForm, useWatch, type UseFormRegister } from "react-hook-form";
import { z } from "zod";
import { ConversationView } from "./conversation-view";
import { MultiClipPlayer } from "./multi-clip-player";
import {
  FEEDBACK_MAX_CHARS,
  likertLabels,
  listeningShortfall,
  ratingFormSchema,
  toRatingAnswer,
  type TMultiClipListening,
  type TRatingFormValues,
} from "./rating-form";
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
} from "@/studies/participant-state";

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

/** Keyed on the trial so the form, timers and the in-flight guard restart with every round. */
export function RatingRound(props: RatingRoundProps) {
  return <RatingRoundInner key={props.trial.trialId} {...props} />;
}

function RatingRoundInner({ trial, criteria, feedback, presentation, requireMixPlayed, progress, onAnswer }: RatingRoundProps) {
  const positions = useMemo(() => trial.responses.map((r) => r.position), [trial.responses]);
  const schema = useMemo(() => ratingFormSchema(criteria, positions, feedback), [criteria, positions, feedback]);
  const defaultValues = useMemo<TRatingFormValues>(
    () => ({
      ratings: Object.fromEntries(positions.map((p) => [p, Object.fromEntries(criteria.map((c) => [c.id, null]))])),
      feedback: Object.fromEntries(positions.map((p) => [p, ""])),
    }),
    [positions, criteria],
  );
  const { register, handleSubmit, control } = useForm<TRatingFormValues>({
    // The schema's output type (numbers are still strings here) matches the form values.
    resolver: zodResolver(schema as unknown as z.ZodType<TRatingFormValues, TRatingFormValues>),
    defaultValues,
    mode: "onChange",
  });
  const values = useWatch({ control }) as TRatingFormValues;
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
      answer: toRatingAnswer(v, criteria, positions, feedback),
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
  register: UseFormRegister<TRatingFormValues>;
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

function CriterionField({
  position,
  criterion,
  register,
  disabled,
}: {
  position: string;
  criterion: TRatingCriterionView;
  register: UseFormRegister<TRatingFormValues>;
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
