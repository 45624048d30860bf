"use client";
// Shows the dialogue so far as a transcript (Amateur / Mentor) and highlights the amateur's latest utterance.

import { useId, useState } from "react";

export interface ConversationTurn {
  role: "user" | "assistant";
  content: string;
}

export interface ConversationViewProps {
  history: ConversationTurn[];
  userUtterance: string;
  /** How many of the most recent turns stay visible while the history is collapsed. */
  visibleTurns?: number;
}

// Participant-facing role names; the hidden system label of the human reply must never appear here.
const ROLE_NAME: Record<ConversationTurn["role"], string> = {
  user: "Amateur",
  assistant: "Mentor",
};

export function ConversationView({ history, userUtterance, visibleTurns = 4 }: ConversationViewProps) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const hiddenCount = Math.max(0, history.length - visibleTurns);
  const shown = expanded ? history : history.slice(hiddenCount);
  const firstIndex = expanded ? 0 : hiddenCount;

  return (
    <section className="ms-conversation" aria-label="Conversation">
      <h3 className="ms-section-title">Conversation</h3>
      {hiddenCount > 0 ? (
        <button
          type="button"
          className="ms-button ms-button--quiet"
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded((v) => !v)}
        >
          {expanded
            ? "Hide earlier turns"
            : `Show earlier turns (${hiddenCount})`}
        </button>
      ) : null}
      {shown.length > 0 ? (
        <ol id={listId} className="ms-transcript" start={firstIndex + 1}>
          {shown.map((turn, i) => (
            <li
              key={firstIndex + i}
              className={`ms-turn ms-turn--${turn.role === "user" ? "amateur" : "mentor"}`}
            >
              <p className="ms-turn__speaker">{ROLE_NAME[turn.role]}</p>
              <p className="ms-turn__text ms-pre">{turn.content}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p id={listId} className="ms-muted">
          No earlier turns.
        </p>
      )}
      <div className="ms-turn ms-turn--latest" role="group" aria-label="Amateur's latest message">
        <p className="ms-turn__speaker">Amateur — latest message</p>
        <p className="ms-turn__text ms-pre">{userUtterance}</p>
      </div>
    </section>
  );
}
