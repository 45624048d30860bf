// The blinded view of a round, for any mode: positions and texts only, never a system label.
import type { TAudioFacts } from "@/lib/audio/facts-schema";
import type { TBaseConfig } from "./base-config";
import type { TParticipantState, TRatingScaleView, TTrial, TTrialClip } from "./participant-state";
import type { TRatingConfig } from "./rating/config";

export type { TParticipantState };
export type TBlindedTrial = TTrial;
export type TParticipantStep = TParticipantState["step"];

export const POSITION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"];

/** history: MixAssist input_history entries; only role and text go to the browser. */
export function blindTrial(args: {
  trialId: string;
  round: number;
  audioHash: string | null;
  /** The clip's measured audio facts (null or absent when not measured yet). */
  audioFacts?: TAudioFacts | null;
  history: unknown;
  userUtterance: string;
  systemOrder: string[];
  textBySystem: Map<string, string>;
  /** Rating mode: the item's clips in display order (item_clips), or null to fall back to the single audio as "Mix". */
  clips?: { label: string; role: string; audioHash: string }[] | null;
}): TBlindedTrial {
  const history = Array.isArray(args.history)
    ? args.history.flatMap((h): TBlindedTrial["history"] => {
        const e = h as { role?: unknown; content?: unknown };
        if ((e.role === "user" || e.role === "assistant") && typeof e.content === "string") return [{ role: e.role, content: e.content }];
        return [];
      })
    : [];
  return {
    trialId: args.trialId,
    round: args.round,
    audio: args.audioHash ? { url: `/api/audio/${args.audioHash}`, facts: args.audioFacts ?? null } : null,
    history,
    userUtterance: args.userUtterance,
    responses: args.systemOrder.map((system, i) => ({ position: POSITION_LETTERS[i], text: args.textBySystem.get(system) ?? "" })),
    ...(args.clips !== undefined ? { clips: blindClips(args.clips, args.audioHash) } : {}),
  };
}

const CLIP_ROLES: readonly TTrialClip["role"][] = ["mix", "anchor", "stem"];

/**
 * The clips a rater switches between: label, role and URL only. The URL is the content hash, and
 * nothing of the item's ground truth (which track was changed, by how many dB) is part of it.
 */
export function blindClips(clips: { label: string; role: string; audioHash: string }[] | null, audioHash: string | null): TTrialClip[] {
  if (clips && clips.length > 0) {
    return clips.map((c) => ({
      label: c.label,
      role: CLIP_ROLES.includes(c.role as TTrialClip["role"]) ? (c.role as TTrialClip["role"]) : "stem",
      url: `/api/audio/${c.audioHash}`,
    }));
  }
  return audioHash ? [{ label: "Mix", role: "mix", url: `/api/audio/${audioHash}` }] : [];
}

/** What a rater needs of a rating study besides the shared texts: the criteria and their scales, feedback, presentation, listening rule. */
export function ratingStudyView(config: TRatingConfig): Pick<TParticipantState["study"], "ratingCriteria" | "feedback" | "presentation" | "listening"> {
  return {
    ratingCriteria: config.criteria.map((c) => ({
      id: c.id,
      label: c.label,
      help: c.help ?? null,
      required: c.required,
      // Only what the form draws: a categorical criterion's ground-truth link stays on the server.
      scale: ((): TRatingScaleView => {
        switch (c.scale.kind) {
          case "likert":
            return { kind: "likert", points: c.scale.points, labels: { low: c.scale.labels.low, high: c.scale.labels.high, points: c.scale.labels.points ?? null } };
          case "binary":
            return { kind: "binary" };
          case "categorical":
            return { kind: "categorical", options: c.scale.options.map((o) => ({ value: o.value, label: o.label })) };
        }
      })(),
    })),
    feedback: { enabled: config.feedback.enabled, required: config.feedback.required, label: config.feedback.label },
    presentation: config.presentation,
    listening: { requireMixPlayed: config.listening.requireMixPlayed },
  };
}

export function completionOf(config: TBaseConfig): { code: string; redirectUrl: string | null } {
  const code = config.completion.code;
  return { code, redirectUrl: config.completion.redirectUrl ? config.completion.redirectUrl.replaceAll("{code}", encodeURIComponent(code)) : null };
}
