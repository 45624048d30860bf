"use client";
// The visible chat timer: counts down from the server's remaining seconds and calls onZero once.
import { useEffect, useRef, useState } from "react";

export function Countdown({ remainingSeconds, onZero }: { remainingSeconds: number; onZero: () => void }) {
  const startedAt = useRef(Date.now());
  const [left, setLeft] = useState(remainingSeconds);
  const fired = useRef(false);
  useEffect(() => {
    startedAt.current = Date.now();
    setLeft(remainingSeconds);
    fired.current = false;
  }, [remainingSeconds]);
  useEffect(() => {
    const t = window.setInterval(() => {
      const now = Math.max(0, Math.round(remainingSeconds - (Date.now() - startedAt.current) / 1000));
      setLeft(now);
      if (now === 0 && !fired.current) {
        fired.current = true;
        onZero();
      }
    }, 500);
    return () => window.clearInterval(t);
  }, [remainingSeconds, onZero]);
  const m = Math.floor(left / 60);
  const s = String(left % 60).padStart(2, "0");
  return (
    <div className={`ms-chat-timer${left <= 60 ? " ms-chat-timer--low" : ""}`} role="timer" aria-label="Time left to chat">
      <span className="ms-chat-timer__label">Time left</span> <span className="ms-chat-timer__value">{m}:{s}</span>
    </div>
  );
}
