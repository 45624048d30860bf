// The blinded view of a round, for any mode: positions and texts only, never a system label.
import type { TAudioFacts } from "@/lib/audio/facts-schema";
import type { TBaseConfig } from "./base-config";
import type { TParticipantState, TTrial } from "./participant-state";

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
  };
}

export function completionOf(config: TBaseConfig): { code: string; redirectUrl: string | null } {
  const code = config.completion.code;
  return { code, redirectUrl: config.completion.redirectUrl ? config.completion.redirectUrl.replaceAll("{code}", encodeURIComponent(code)) : null };
}
