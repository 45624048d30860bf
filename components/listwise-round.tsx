"use client";
// One listwise round: audio, conversation, and the responses as a sortable list the rater ranks (1 = best, no ties) by drag or rank menus.

import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useRoundAnswer, type AnswerMeasures } from "./use-round-answer";
import { RoundContext } from "./round-context";
import { StepStatus } from "./step-status";
import type { TProgress, TRequireMixPlayed, TTrial } from "@/studies/participant-state";

export interface ListwiseRoundProps {
  trial: TTrial;
  /** The criteria to rank by, most important first. */
  criteria: string[];
  progress: TProgress;
  /** Saves the ranking (letters, best first); reject with an Error whose message the rater should see. */
  onAnswer: (ranking: string[], measures: AnswerMeasures) => Promise<void>;
  /** The study's listening rule: Submit stays disabled, with the reason shown, until it is met. */
  requireListening?: TRequireMixPlayed;
}

/**
 * The ranking being built: `order` is the list as shown (index 0 = rank 1) and `placed` the
 * letters the rater has put there themselves. A response the rater has not touched stays
 * unranked, so an untouched list can never be submitted as the server's A, B, C order.
 */
interface TRankingDraft {
  order: string[];
  placed: ReadonlySet<string>;
}

/** Once all but one response are placed, the last one's rank is forced: count it as placed too. */
function settle(draft: TRankingDraft): TRankingDraft {
  if (draft.placed.size === draft.order.length - 1) return { order: draft.order, placed: new Set(draft.order) };
  return draft;
}

/** Choosing a rank another response holds swaps the two; the other keeps its placed/unranked state. */
function chooseRank(draft: TRankingDraft, letter: string, rank: number): TRankingDraft {
  const from = draft.order.indexOf(letter);
  const to = rank - 1;
  const order = [...draft.order];
  [order[from], order[to]] = [order[to], order[from]];
  return settle({ order, placed: new Set([...draft.placed, letter]) });
}

function moveTo(draft: TRankingDraft, letter: string, to: number): TRankingDraft {
  const from = draft.order.indexOf(letter);
  return settle({ order: arrayMove(draft.order, from, to), placed: new Set([...draft.placed, letter]) });
}

/** Keyed on the trial so the draft, timers and the in-flight guard restart with every round. */
export function ListwiseRound(props: ListwiseRoundProps) {
  return <ListwiseRoundInner key={props.trial.trialId} {...props} />;
}

function ListwiseRoundInner({ trial, criteria, progress, onAnswer, requireListening = "none" }: ListwiseRoundProps) {
  const selectRefs = useRef(new Map<string, HTMLSelectElement>());
  const refocus = useRef<string | null>(null);
  const [draft, setDraft] = useState<TRankingDraft>(() => ({ order: trial.responses.map((r) => r.position), placed: new Set() }));
  const [announcement, setAnnouncement] = useState("");
  const round = useRoundAnswer(onAnswer, "Your ranking could not be saved. Please press Submit ranking again.", { rule: requireListening, hasAudio: trial.audio !== null });
  const { headingRef, onListened, onListening, listeningBlock, submitting, error, setError } = round;
  const hintId = useId();
  const n = draft.order.length;
  const complete = draft.placed.size === n;
  const textOf = new Map(trial.responses.map((r) => [r.position, r.text]));

  // A rank menu's card may move when its rank changes; keep the menu focused for keyboard users.
  useEffect(() => {
    const letter = refocus.current;
    refocus.current = null;
    if (letter) selectRefs.current.get(letter)?.focus({ preventScroll: true });
  }, [draft]);

  const sensors = useSensors(
    // A few pixels before a drag starts, so a tap on the handle or a menu is not a drag.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const describe = (d: TRankingDraft) =>
    d.placed.size === n ? `Ranking complete: ${d.order.map((l, i) => `${i + 1}. Response ${l}`).join(", ")}.` : "";

  const onSelect = (letter: string, value: string) => {
    const rank = Number(value);
    if (!Number.isInteger(rank) || rank < 1 || rank > n) return;
    const next = chooseRank(draft, letter, rank);
    refocus.current = letter;
    setDraft(next);
    setError(null);
    setAnnouncement(`Response ${letter} is now rank ${rank}. ${describe(next)}`);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const letter = String(active.id);
    const to = draft.order.indexOf(String(over.id));
    const next = moveTo(draft, letter, to);
    setDraft(next);
    setError(null);
    setAnnouncement(describe(next));
  };

  const submit = useCallback(async () => {
    if (complete && !listeningBlock) await round.submit([...draft.order]);
  }, [complete, listeningBlock, draft.order, round]);


  const rankAt = (id: UniqueIdentifier) => draft.order.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up Response ${active.id}, at position ${rankAt(active.id)} of ${n}.`,
    onDragOver: ({ active, over }) => (over ? `Response ${active.id} is over position ${rankAt(over.id)} of ${n}.` : `Response ${active.id} is not over the list.`),
    onDragEnd: ({ active, over }) => (over ? `Response ${active.id} dropped at rank ${rankAt(over.id)} of ${n}.` : `Response ${active.id} dropped.`),
    onDragCancel: ({ active }) => `Moving Response ${active.id} was cancelled.`,
  };

  return (
    <article className="ms-round" aria-labelledby="ms-round-heading">
      <RoundContext trial={trial} progress={progress} headingRef={headingRef} onListened={onListened} onListening={onListening} />

      <section className="ms-rank" aria-labelledby="ms-rank-heading">
        <h3 id="ms-rank-heading" className="ms-section-title">
          Rank the responses, 1 = best
        </h3>
        {criteria.length > 0 ? (
          <div className="ms-rank__criteria">
            <p className="ms-rank__criteria-title">Rank by, in order of importance:</p>
            <ol>
              {criteria.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ol>
          </div>
        ) : null}
        <p id={hintId} className="ms-muted ms-rank__hint">
          Drag a response by its handle (or focus the handle, press Space, move with the arrow keys, press Space again), or choose a rank in
          its menu. Every response gets a different rank.
        </p>

        <DndContext
          id={`ms-rank-${trial.trialId}`}
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements,
            screenReaderInstructions: {
              draggable: "To move a response, press Space. Use the up and down arrow keys to move it, Space to drop it, Escape to cancel.",
            },
          }}
        >
          <SortableContext items={draft.order} strategy={verticalListSortingStrategy}>
            <ol className="ms-rank__list" aria-describedby={hintId}>
              {draft.order.map((letter, index) => (
                <RankCard
                  key={letter}
                  letter={letter}
                  text={textOf.get(letter) ?? "(missing)"}
                  rank={draft.placed.has(letter) ? index + 1 : null}
                  n={n}
                  disabled={submitting}
                  selectRef={(el) => {
                    if (el) selectRefs.current.set(letter, el);
                    else selectRefs.current.delete(letter);
                  }}
                  onSelect={(value) => onSelect(letter, value)}
                />
              ))}
            </ol>
          </SortableContext>
        </DndContext>

        <p className="ms-visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>

        <div className="ms-actions ms-rank__actions">
          <button type="button" className="ms-button ms-button--primary" disabled={!complete || submitting || listeningBlock !== null} aria-describedby={listeningBlock ? "ms-listening-block" : undefined} onClick={() => void submit()}>
            Submit ranking
          </button>
          {listeningBlock ? <p id="ms-listening-block" className="ms-muted ms-rank__todo" data-testid="listening-block">{listeningBlock}</p> : null}
          {!complete ? <p className="ms-muted ms-rank__todo">Rank all {n} responses to continue.</p> : null}
        </div>
        <StepStatus saving={submitting} error={error} />
      </section>
    </article>
  );
}

interface RankCardProps {
  letter: string;
  text: string;
  /** null while the rater has not ranked this response. */
  rank: number | null;
  n: number;
  disabled: boolean;
  selectRef: (el: HTMLSelectElement | null) => void;
  onSelect: (value: string) => void;
}

function RankCard({ letter, text, rank, n, disabled, selectRef, onSelect }: RankCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: letter, disabled });
  const selectId = useId();
  const titleId = `ms-rank-title-${letter}`;
  return (
    <li
      ref={setNodeRef}
      className={`ms-card ms-rank__item${rank === null ? " ms-rank__item--unranked" : ""}${isDragging ? " ms-rank__item--dragging" : ""}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      aria-labelledby={titleId}
      data-testid={`rank-card-${letter}`}
    >
      <div className="ms-rank__bar">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="ms-button ms-rank__handle"
          {...attributes}
          {...listeners}
          aria-label={`Drag Response ${letter}`}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <span className="ms-rank__badge" aria-hidden="true">
          {rank ?? "—"}
        </span>
        <h4 id={titleId} className="ms-response__title ms-rank__title">
          Response {letter}
        </h4>
        <div className="ms-rank__select">
          <label className="ms-visually-hidden" htmlFor={selectId}>
            Rank for Response {letter}
          </label>
          <select id={selectId} ref={selectRef} value={rank === null ? "" : String(rank)} disabled={disabled} onChange={(e) => onSelect(e.currentTarget.value)}>
            <option value="" disabled>
              —
            </option>
            {Array.from({ length: n }, (_, i) => (
              <option key={i + 1} value={String(i + 1)}>
                {i + 1}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="ms-pre ms-rank__text">{text}</p>
    </li>
  );
}
