"use client";
// One pairwise round: audio, conversation, Response A and B, and the four answers (buttons or keys 1–4).

import { StepStatus } from "./step-status";
import { useEffect } from "react";
import { useRoundAnswer, type AnswerMeasures } from "./use-round-answer";
import { RoundContext } from "./round-context";
import type { TAnswerOption, TAnswerValue, TProgress, TRequireMixPlayed, TTrial } from "@/studies/participant-state";


export interface PairwiseRoundProps {
  trial: TTrial;
  answerOptions: TAnswerOption[];
  progress: TProgress;
  /** Saves the answer; reject with an Error whose message the participant should see. */
  onAnswer: (answer: TAnswerValue, measures: AnswerMeasures) => Promise<void>;
  /** The study's listening rule: the answers stay disabled, with the reason shown, until it is met. */
  requireListening?: TRequireMixPlayed;
}

/** Keyed on the trial so timers, listening time and the in-flight guard restart with every round. */
export function PairwiseRound(props: PairwiseRoundProps) {
  return <PairwiseRoundInner key={props.trial.trialId} {...props} />;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest("input, textarea, select, [contenteditable='true']") !== null;
}

function PairwiseRoundInner({ trial, answerOptions, progress, onAnswer, requireListening = "none" }: PairwiseRoundProps) {
  const { headingRef, onListened, onListening, listeningBlock, submit, submitting, pending, error } = useRoundAnswer(onAnswer, "Your answer could not be saved. Please choose again to retry.", {
    rule: requireListening,
    hasAudio: trial.audio !== null,
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (isTypingTarget(event.target)) return;
      const option = answerOptions.find((o) => o.key === event.key);
      if (!option) return;
      event.preventDefault();
      if (!listeningBlock) void submit(option.value);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [answerOptions, submit, listeningBlock]);

  const responseA = trial.responses.find((r) => r.position === "A");
  const responseB = trial.responses.find((r) => r.position === "B");

  return (
    <article className="ms-round" aria-labelledby="ms-round-heading">
      <RoundContext trial={trial} progress={progress} headingRef={headingRef} onListened={onListened} onListening={onListening} />

      <section className="ms-responses" aria-label="Candidate responses">
        {[
          { position: "A", response: responseA },
          { position: "B", response: responseB },
        ].map(({ position, response }) => (
          <div key={position} className="ms-card ms-response" role="group" aria-labelledby={`ms-response-${position}`}>
            <h3 id={`ms-response-${position}`} className="ms-response__title">
              Response {position}
            </h3>
            <p className="ms-pre">{response ? response.text : "(missing)"}</p>
          </div>
        ))}
      </section>

      <section className="ms-answers" aria-labelledby="ms-answers-heading">
        <h3 id="ms-answers-heading" className="ms-section-title">
          Which response is better?
        </h3>
        <p className="ms-muted ms-answers__hint">
          Choose one. You can also press the number keys 1–4.
        </p>
        {listeningBlock ? <p id="ms-listening-block" className="ms-muted" data-testid="listening-block">{listeningBlock}</p> : null}
        <div className="ms-answers__grid">
          {answerOptions.map((option) => (
            <button
              key={option.value}
              type="button"
              className="ms-button ms-answer"
              disabled={submitting || listeningBlock !== null}
              aria-describedby={listeningBlock ? "ms-listening-block" : undefined}
              aria-keyshortcuts={option.key}
              aria-busy={pending === option.value}
              onClick={() => void submit(option.value)}
            >
              <kbd className="ms-kbd" aria-hidden="true">
                {option.key}
              </kbd>
              <span>{option.label}</span>
            </button>
          ))}
        </div>
        <StepStatus saving={submitting} error={error} />
      </section>
    </article>
  );
}
