// Reads an LLM judge's ranking reply: tolerant of how models write JSON, strict about the result
// being a permutation of the letters shown (SPEC §6). A failure is reported, never guessed.

export type TParsedRanking = { ok: true; ranking: string[] } | { ok: false; error: string };

/** Typographic quotes models emit in place of ASCII ones. */
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032`]/g;

/**
 * A key like rank_1 / "rank 1" / 'Rank-1' / rank1, a separator (: or =), and a value that is a
 * letter, optionally quoted and optionally written "Response A" / response_a.
 * Groups: 1 rank number, 2 opening quote, 3 "response" prefix, 4 letter.
 */
const PAIR = /["']?\s*rank[\s_-]*(\d+)\s*["']?\s*[:=]\s*(["']?)\s*(response[\s_-]*)?([a-z])(?![a-z0-9])/gi;

/** The first {...} block (no nesting) that contains a rank key, or the whole text if none does. */
function rankingRegion(text: string): string {
  for (const m of text.matchAll(/\{[^{}]*\}/g)) if (/rank[\s_-]*\d/i.test(m[0])) return m[0];
  return text;
}

/**
 * Parses `reply` into the letters of `letters` (the ones shown to the judge), best first.
 * Accepts JSON inside prose or ```json fences, single or curly quotes, semicolons, trailing
 * commas, keys rank_1…rank_n or "Rank 1", letters in any case or as "Response A". An unquoted
 * lowercase letter is not read as an answer (in prose "rank 1: a …" is an article). The result
 * must name each shown letter exactly once; otherwise { ok: false, error } says what is wrong.
 */
export function parseRankingReply(reply: string, letters: readonly string[]): TParsedRanking {
  const shown = new Map(letters.map((l) => [l.toUpperCase(), l] as const));
  if (shown.size !== letters.length || letters.length === 0) return { ok: false, error: `invalid letters shown: [${letters.join(", ")}]` };
  const text = rankingRegion(reply.replace(CURLY_DOUBLE, '"').replace(CURLY_SINGLE, "'"));

  const byRank = new Map<number, string>();
  for (const m of text.matchAll(PAIR)) {
    const [, rankText, quote, prefix, raw] = m;
    if (!quote && !prefix && raw !== raw.toUpperCase()) continue;
    const rank = Number(rankText);
    const letter = raw.toUpperCase();
    const prev = byRank.get(rank);
    if (prev !== undefined && prev !== letter) return { ok: false, error: `rank_${rank} is given twice (${prev} and ${letter})` };
    byRank.set(rank, letter);
  }
  if (byRank.size === 0) return { ok: false, error: "no ranking found in the reply" };

  const n = letters.length;
  const extra = [...byRank.keys()].filter((r) => r < 1 || r > n).sort((a, b) => a - b);
  if (extra.length) return { ok: false, error: `unexpected rank_${extra[0]}: only ${n} responses were shown` };

  const ranking: string[] = [];
  const seenAt = new Map<string, number>();
  for (let r = 1; r <= n; r++) {
    const letter = byRank.get(r);
    if (letter === undefined) {
      const unranked = letters.filter((l) => ![...byRank.values()].includes(l.toUpperCase()));
      return { ok: false, error: `rank_${r} is missing${unranked.length ? ` (not ranked: ${unranked.join(", ")})` : ""}` };
    }
    const original = shown.get(letter);
    if (original === undefined) return { ok: false, error: `unknown letter ${letter} at rank_${r} (shown: ${letters.join(", ")})` };
    const prev = seenAt.get(letter);
    if (prev !== undefined) return { ok: false, error: `letter ${letter} is ranked twice (rank_${prev} and rank_${r})` };
    seenAt.set(letter, r);
    ranking.push(original);
  }
  return { ok: true, ranking };
}
