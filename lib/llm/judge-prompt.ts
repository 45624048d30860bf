// The LLM judge's default instructions, its user message, and the per-item letter shuffle (SPEC §6).
import { createRng, shuffle, type Rng } from "@/lib/random/rng";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The first `n` letters, A first; n must be 1..26. */
export function judgeLetters(n: number): string[] {
  if (!Number.isInteger(n) || n < 1 || n > ALPHABET.length) throw new RangeError(`judgeLetters: need 1..26 candidates, got ${n}`);
  return ALPHABET.slice(0, n).split("");
}

/** The JSON answer shape for `letters`: {"rank_1": "A", "rank_2": "B", "rank_3": "C"}. */
export function judgeAnswerShape(letters: readonly string[]): string {
  return `{${letters.map((l, i) => `"rank_${i + 1}": "${l}"`).join(", ")}}`;
}

/**
 * The default system prompt for `n` candidates: the three criteria in order of importance
 * (technical accuracy, helpfulness, conversation fluency) and a JSON-only answer. Participants'
 * listwise instructions show the same criteria (SPEC §1.2).
 */
export function defaultJudgeSystemPrompt(n = 3): string {
  const letters = judgeLetters(n);
  const list = letters.length === 1 ? letters[0] : `${letters.slice(0, -1).join(", ")} or ${letters[letters.length - 1]}`;
  return [
    "You are an experienced mixing and mastering engineer reviewing replies written by AI mixing assistants.",
    "You will see a conversation between a music producer and a mixing expert, ending with the producer's latest message (PROMPT),",
    `followed by ${n} candidate replies for the expert's next turn, labelled RESPONSE ${letters.join(", RESPONSE ")}.`,
    "",
    "Rank the candidate replies from best to worst. Judge them on these criteria, in order of importance:",
    "1. Technical accuracy: the audio and mixing advice is correct and fits the situation described.",
    "2. Helpfulness: the reply answers what the producer asked, with specific steps they can act on.",
    "3. Conversation fluency: the reply follows naturally from the conversation, the way an expert would talk.",
    "A lower criterion only decides between replies that are close on the criteria above it.",
    "Rank every reply and give no ties, even when the differences are small.",
    "",
    `Answer with JSON only and no explanation, in exactly this shape: ${judgeAnswerShape(letters)}`,
    `where rank_1 is the letter of the best reply. Each value is one of ${list}, and each letter appears exactly once.`,
  ].join("\n");
}

/** `PROMPT: …` then `RESPONSE A: …`, `RESPONSE B: …`, in the order given, separated by blank lines. */
export function buildJudgeUserMessage(prompt: string, candidates: readonly { letter: string; text: string }[]): string {
  return [`PROMPT: ${prompt}`, ...candidates.map((c) => `RESPONSE ${c.letter}: ${c.text}`)].join("\n\n");
}

/** The judge's generator for one item: its own stream, so items do not shift each other's draws. */
export const judgeRng = (seed: string, itemId: string): Rng => createRng(seed, `judge:${itemId}`);

/** Systems shuffled by `rng` and lettered A, B, C … in the shuffled order (returned A first). */
export function letterOrder<T>(systems: readonly T[], rng: Rng): { letter: string; system: T }[] {
  const letters = judgeLetters(systems.length);
  return shuffle(rng, systems).map((system, i) => ({ letter: letters[i], system }));
}
