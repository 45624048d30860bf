// The listening rule (quality.requireListening, or a rating study's listening.requireMixPlayed): what is still missing.
import type { TRequireListening } from "@/studies/base-config";

/** The listening key of a pairwise or listwise round's one clip. */
export const MAIN_CLIP = "main";

/** A full play may stop this short of the clip's duration (the last frame's timing). */
export const FULL_PLAY_TOLERANCE_MS = 300;

/** The rule in force: the study-wide one, else a rating study's older listening.requireMixPlayed. */
export function effectiveListeningRule(config: { quality?: { requireListening: TRequireListening }; listening?: { requireMixPlayed: TRequireListening } }): TRequireListening {
  const q = config.quality?.requireListening ?? "none";
  return q !== "none" ? q : (config.listening?.requireMixPlayed ?? "none");
}

/**
 * Milliseconds of the clip still to hear, 0 when the rule is met. A seconds rule on a clip shorter
 * than that many seconds asks for the whole clip.
 */
export function listeningMissingMs(rule: TRequireListening, heardMs: number, durationMs: number | null): number {
  if (rule === "none") return 0;
  if (rule === "full") {
    if (durationMs === null) return heardMs > 0 ? 0 : 1;
    return Math.max(0, Math.ceil(durationMs - FULL_PLAY_TOLERANCE_MS - heardMs));
  }
  const need = durationMs === null ? rule.seconds * 1000 : Math.min(rule.seconds * 1000, durationMs - FULL_PLAY_TOLERANCE_MS);
  return Math.max(0, Math.ceil(need - heardMs));
}

/** The participant-facing reason the answers are disabled, or null when the rule is met. */
export function listeningReason(rule: TRequireListening, heardMs: number, durationMs: number | null, clip = "audio clip"): string | null {
  if (listeningMissingMs(rule, heardMs, durationMs) === 0) return null;
  if (rule === "full") return `Play the ${clip} all the way through before answering (${(heardMs / 1000).toFixed(1)} s heard${durationMs ? ` of ${(durationMs / 1000).toFixed(1)} s` : ""}).`;
  if (rule === "none") return null;
  return `Listen to the ${clip} for at least ${rule.seconds} s before answering (${(heardMs / 1000).toFixed(1)} s so far).`;
}
