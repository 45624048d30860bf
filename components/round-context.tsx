// What every round shows before the answer: "Round k of n" with a progress bar, the audio clip, and the conversation.
import type { RefObject } from "react";
import type { TProgress, TTrial } from "@/studies/participant-state";
import { AudioFacts } from "./audio-facts";
import { AudioPlayer, type TClipListening } from "./audio-player";
import { ConversationView } from "./conversation-view";

export function RoundContext({ trial, progress, headingRef, onListened, onListening }: {
  trial: TTrial;
  progress: TProgress;
  /** The heading takes focus when a new round appears, for keyboard and screen-reader users. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  onListened: (ms: number) => void;
  onListening?: (listening: TClipListening) => void;
}) {
  return (
    <>
      <header className="ms-round__header">
        <h2 id="ms-round-heading" ref={headingRef} tabIndex={-1} className="ms-round__title">
          Round {progress.round} of {progress.total}
        </h2>
        <ProgressIndicator progress={progress} />
      </header>

      {trial.audio ? <AudioPlayer src={trial.audio.url} label="Audio clip" onListenedChange={onListened} onListeningChange={onListening} /> : null}
      {trial.audio?.facts ? <AudioFacts facts={trial.audio.facts} title="Measured audio facts of this clip" collapsible defaultOpen /> : null}

      <ConversationView history={trial.history} userUtterance={trial.userUtterance} />
    </>
  );
}

export function ProgressIndicator({ progress }: { progress: TProgress }) {
  const total = Math.max(progress.total, 0);
  const answered = Math.min(Math.max(progress.answered, 0), total);
  const percent = total > 0 ? (answered / total) * 100 : 0;
  return (
    <div className="ms-progress">
      <div
        className="ms-progress__bar"
        role="progressbar"
        aria-label="Study progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={answered}
        aria-valuetext={`${answered} of ${total} rounds answered`}
      >
        <div className="ms-progress__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

