"use client";
// The post-chat survey (Q2–Q5; Q1 expertise was the profile step): three 4-point questions and open text, validated with the server's schema.
import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useRef, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { ZSurveyAnswer, type TSurveyAnswer } from "@/studies/chat/survey";
import type { TParticipantState, TSurveyView } from "@/studies/participant-state";
import { newRequestId, postForState } from "./chat-api";

const SCALES = ["naturalness", "contribution", "novelty"] as const;

export function SurveyStep({ survey, base, onState }: { survey: TSurveyView; base: string; onState: (s: TParticipantState) => void }) {
  const shownAt = useRef(Date.now());
  const requestId = useRef(newRequestId());
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const { register, handleSubmit, formState, watch } = useForm<TSurveyAnswer>({
    resolver: zodResolver(ZSurveyAnswer) as Resolver<TSurveyAnswer>,
    defaultValues: { insights: "" },
  });
  const values = watch();
  const complete = SCALES.every((s) => values[s]);
  const onSubmit = handleSubmit(async (answer) => {
    setError(null);
    try {
      onState(await postForState(`${base}/chat/survey`, { requestId: requestId.current, answer, timeOnItemMs: Date.now() - shownAt.current }));
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not save your answers. Please try again.");
    }
  });
  return (
    <section className="ms-card" aria-labelledby="ms-survey-heading">
      <h2 id="ms-survey-heading" className="ms-step-title">A few questions about the conversation</h2>
      <form className="ms-form" onSubmit={onSubmit}>
        {SCALES.map((scale, q) => (
          <fieldset key={scale} className="ms-fieldset">
            <legend className="ms-legend">{q + 1}. {survey[scale].question}</legend>
            <div className="ms-radio-group ms-chat-scale">
              {survey[scale].options.map((o) => (
                <div key={o.value} className="ms-radio">
                  <input id={`${id}-${scale}-${o.value}`} type="radio" value={o.value} {...register(scale)} />
                  <label htmlFor={`${id}-${scale}-${o.value}`}>{o.label}</label>
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        <label className="ms-legend" htmlFor={`${id}-insights`}>4. {survey.insights.question} <span className="ms-muted">(optional)</span></label>
        <textarea id={`${id}-insights`} rows={4} maxLength={5000} {...register("insights")} />
        <div className="ms-actions">
          <button type="submit" className="ms-button ms-button--primary" disabled={!complete || formState.isSubmitting}>Submit answers</button>
        </div>
        {formState.isSubmitting && <p className="ms-status" role="status">Saving…</p>}
        {error && <p className="ms-error" role="alert">{error}</p>}
      </form>
    </section>
  );
}
