"use client";
// The chat step: the clip (player, facts, the window the assistant hears), the timer, and the conversation with streamed replies.
import "./chat.css";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { TChatTurnView, TParticipantState } from "@/studies/participant-state";
import { AudioFacts } from "../audio-facts";
import { AudioPlayer } from "../audio-player";
import { getState, newRequestId, postForState, streamReply, type TChatStreamEvent } from "./chat-api";
import { ClipPicker } from "./clip-picker";
import { Countdown } from "./countdown";
import { WindowSelector } from "./window-selector";

const POLL_MS = 1500;

export function ChatStep({ state, base, onState }: { state: TParticipantState; base: string; onState: (s: TParticipantState) => void }) {
  const chat = state.chat!;
  if (!chat.clip) return <ClipPicker chat={chat} base={base} onState={onState} />;
  return <Conversation state={state} base={base} onState={onState} />;
}

function Conversation({ state, base, onState }: { state: TParticipantState; base: string; onState: (s: TParticipantState) => void }) {
  const chat = state.chat!;
  const clip = chat.clip!;
  const [turns, setTurns] = useState<TChatTurnView[]>(chat.turns);
  const [streaming, setStreaming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [finishing, setFinishing] = useState(false);
  const requestId = useRef<string | null>(null);
  const timeUp = useRef(chat.remainingSeconds === 0);
  const [timeUpShown, setTimeUpShown] = useState(timeUp.current);
  const logRef = useRef<HTMLOListElement>(null);
  const draftId = useId();

  // The server's view wins whenever it changes (a stop, a reload, a poll).
  useEffect(() => {
    setTurns(chat.turns);
  }, [chat.turns]);

  useEffect(() => {
    logRef.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [turns]);

  const refresh = useCallback(async () => {
    try {
      onState(await getState(`${base}/state`));
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not refresh. Please reload the page.");
    }
  }, [base, onState]);

  // After a reload mid-reply, the reply goes on in the server: poll until it is stored.
  useEffect(() => {
    if (!chat.replyInProgress || streaming) return;
    const t = window.setTimeout(() => void refresh(), POLL_MS);
    return () => window.clearTimeout(t);
  }, [chat.replyInProgress, streaming, refresh]);

  const onEvent = useCallback((pendingId: string | null) => (e: TChatStreamEvent) => {
    setTurns((ts) => {
      switch (e.type) {
        case "user":
          return ts.map((t) => (t.id === pendingId ? e.turn : t));
        case "start":
          return ts.some((t) => t.id === e.turn.id) ? ts : [...ts, e.turn];
        case "delta":
          return ts.map((t, i) => (i === ts.length - 1 && t.status === "streaming" ? { ...t, content: t.content + e.text } : t));
        case "done":
          return ts.some((t) => t.id === e.turn.id) ? ts.map((t) => (t.id === e.turn.id ? e.turn : t)) : [...ts, e.turn];
      }
    });
    if (e.type === "user") {
      setDraft("");
      requestId.current = null;
    }
  }, []);

  const stream = async (path: string, body: unknown, pendingId: string | null) => {
    setStreaming(true);
    setError(null);
    try {
      await streamReply(path, body, onEvent(pendingId));
    } catch (e) {
      if (pendingId) setTurns((ts) => ts.filter((t) => t.id !== pendingId));
      setError(e instanceof Error ? e.message : "Something went wrong. Please try again.");
    } finally {
      setStreaming(false);
    }
    if (timeUp.current) await refresh();
  };

  const send = async () => {
    const text = draft.trim();
    if (!text || streaming) return;
    if (text.length > chat.maxMessageChars) {
      setError(`Your message has ${text.length} characters; the limit is ${chat.maxMessageChars}.`);
      return;
    }
    // One id per message, kept until the server has stored it, so a resend after a lost answer is not a second message.
    requestId.current ??= newRequestId();
    const pendingId = `pending-${requestId.current}`;
    setTurns((ts) => [...ts, { id: pendingId, seq: 0, role: "user", content: text, status: "complete", error: null }]);
    await stream(`${base}/chat/message`, { requestId: requestId.current, text }, pendingId);
  };

  const stop = async () => {
    // While this page reads the reply's stream, its final event shows the stopped turn; a state
    // applied here could arrive after the next message and hide it. After a reload, the state is the news.
    const ownStream = streaming;
    try {
      const next = await postForState(`${base}/chat/stop`, {});
      if (!ownStream) onState(next);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not stop the reply.");
    }
  };

  const finish = async () => {
    setFinishing(true);
    try {
      onState(await postForState(`${base}/chat/finish`, {}));
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not finish the chat.");
      setFinishing(false);
    }
  };

  const onZero = useCallback(() => {
    timeUp.current = true;
    setTimeUpShown(true);
    if (!streaming && !chat.replyInProgress) void refresh();
  }, [streaming, chat.replyInProgress, refresh]);

  const last = turns.at(-1);
  const inProgress = streaming || chat.replyInProgress !== null;
  const canRetry = !inProgress && last?.role === "assistant" && (last.status === "failed" || last.status === "stopped");
  const started = turns.length > 0;

  return (
    <div className="ms-chat">
      <aside className="ms-chat__clip ms-card" aria-label="Your clip">
        <AudioPlayer src={clip.url} label="Your clip" />
        {chat.hearsAudioWindow && (
          <WindowSelector
            durationMs={clip.durationMs}
            windowMs={clip.windowMs}
            startMs={clip.windowStartMs}
            locked={started}
            onChange={async (startMs) => onState(await postForState(`${base}/chat/window`, { startMs }))}
          />
        )}
        {clip.facts ? <AudioFacts facts={clip.facts} /> : <p className="ms-muted">The clip&apos;s measurements are not available.</p>}
      </aside>
      <section className="ms-chat__talk ms-card" aria-labelledby="ms-chat-heading">
        <div className="ms-chat__bar">
          <h2 id="ms-chat-heading" className="ms-step-title">Chat with the assistant</h2>
          {chat.remainingSeconds !== null && <Countdown remainingSeconds={chat.remainingSeconds} onZero={onZero} />}
        </div>
        {timeUpShown && <p className="ms-status" role="status">Time is up. {inProgress ? "The current reply will finish, then" : "Next,"} a few questions about the conversation.</p>}
        <ol className="ms-chat__log" ref={logRef} role="log" aria-live="polite" aria-label="Conversation">
          {turns.length === 0 && <li className="ms-muted ms-chat__empty">Ask the assistant anything about your mix: what to fix, how, and why.</li>}
          {turns.map((t) => (
            <li key={t.id} className={`ms-chat__turn ms-chat__turn--${t.role}${t.status === "failed" ? " ms-chat__turn--failed" : ""}`} data-status={t.status}>
              <span className="ms-chat__who">{t.role === "user" ? "You" : "Assistant"}</span>
              {t.content && <p className="ms-chat__text">{t.content}</p>}
              {t.status === "streaming" && <span className="ms-chat__typing" aria-label="The assistant is writing">{t.content ? "" : "…"}</span>}
              {t.status === "stopped" && <span className="ms-chat__note">Stopped</span>}
              {t.status === "failed" && <p className="ms-error" role="alert">{t.error ?? "The assistant could not answer. Press Retry to ask again."}</p>}
            </li>
          ))}
        </ol>
        {error && <p className="ms-error" role="alert">{error}</p>}
        <form
          className="ms-chat__composer"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <label htmlFor={draftId} className="ms-visually-hidden">Your message</label>
          <textarea
            id={draftId}
            rows={3}
            value={draft}
            placeholder={timeUpShown ? "Time is up" : "Write a message…"}
            disabled={timeUpShown}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              requestId.current = null;
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                void send();
              }
            }}
          />
          <div className="ms-actions">
            <button type="submit" className="ms-button ms-button--primary" disabled={inProgress || timeUpShown || draft.trim() === ""}>Send</button>
            {inProgress && <button type="button" className="ms-button" onClick={() => void stop()}>Stop</button>}
            {canRetry && !timeUpShown && (
              <button type="button" className="ms-button" onClick={() => void stream(`${base}/chat/retry`, { turnId: last.id }, null)}>Retry</button>
            )}
            <span className="ms-chat__count ms-muted">{draft.length > chat.maxMessageChars * 0.8 ? `${draft.length} / ${chat.maxMessageChars}` : ""}</span>
            <button type="button" className="ms-button ms-button--quiet ms-chat__finish" disabled={finishing || inProgress} onClick={() => void finish()}>
              {timeUpShown ? "Continue to the questions" : "I'm done chatting"}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
