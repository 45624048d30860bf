// Steps for the listwise e2e spec: judge-CSV import, a rater's start, ranking a round by menus or drag, and the names the blinding scan looks for.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import JSZip from "jszip";
import { wholeWords } from "./blinding-capture";
import { makeJudgeCsvSample, makeMixAssistSample } from "../lib/import/sample-data";
import { roundHeading } from "./helpers";

/** The template's systems (studies/templates/mixassist-listwise.yaml): id as in the CSV columns, label as in Table 7. */
export const LISTWISE_SYSTEMS = [
  { id: "qwen", label: "Qwen" },
  { id: "ltu", label: "LTU" },
  { id: "mullama", label: "MU-LLaMA" },
] as const;

/** The template's criteria, most important first (checked against the instructions and every round). */
export const LISTWISE_CRITERIA_STARTS = ["Technical accuracy:", "Helpfulness:", "Conversation fluency:"] as const;

export type TRankMethod = "select" | "keyboard-drag" | "mouse-drag" | "dblclick-submit";

/**
 * Writes the MixAssist evaluation code's judge CSV (with its audio_file column) and a zip of the
 * audio those rows name: both come from the same generator and seed, so the paths match.
 */
export async function writeJudgeCsvFixture(dir: string, items: number, seed: number): Promise<{ csvPath: string; zipPath: string; csv: string }> {
  const csv = makeJudgeCsvSample(items, seed, LISTWISE_SYSTEMS.map((s) => s.id));
  const { audio } = makeMixAssistSample(items, seed, { seconds: 1 });
  const zip = new JSZip();
  for (const [p, wav] of audio) zip.file(p, wav);
  await mkdir(dir, { recursive: true });
  const csvPath = path.join(dir, "judge_input.csv");
  const zipPath = path.join(dir, "mixassist-audio.zip");
  await Promise.all([writeFile(csvPath, csv), writeFile(zipPath, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }))]);
  return { csvPath, zipPath, csv };
}

/** Imports the judge CSV and its audio on the study page; returns what the page reports. */
export async function importJudgeCsv(page: Page, csvPath: string, zipPath: string): Promise<{ items: number; audioFiles: number }> {
  await page.locator('input[type=file][name="rows"]').setInputFiles(csvPath);
  await page.locator('input[type=file][name="audio"]').setInputFiles(zipPath);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const status = page.getByText(/^Imported \d+ items with \d+ audio files\.$/);
  await expect(status).toBeVisible();
  const m = /^Imported (\d+) items with (\d+) audio files\.$/.exec((await status.textContent()) ?? "")!;
  return { items: Number(m[1]), audioFiles: Number(m[2]) };
}

/** Consent, profile, then the instructions — which must list the criteria in order — to round 1. */
export async function startRater(page: Page, slug: string, pid: string, total: number): Promise<void> {
  const qs = new URLSearchParams({ PROLIFIC_PID: pid, STUDY_ID: "E2E-LISTWISE", SESSION_ID: `${pid}-session` });
  await page.goto(`/s/${slug}?${qs}`);
  await expect(page.getByRole("heading", { name: "Consent" })).toBeVisible();
  await page.getByLabel("I agree").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "About you" })).toBeVisible();
  await page.getByLabel("Expert", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Instructions" })).toBeVisible();
  const criteria = page.getByRole("region", { name: "Criteria, in order of importance" }).getByRole("listitem");
  await expect(criteria).toHaveCount(LISTWISE_CRITERIA_STARTS.length);
  for (const [i, start] of LISTWISE_CRITERIA_STARTS.entries()) await expect(criteria.nth(i)).toContainText(start);
  await page.getByRole("button", { name: "Start" }).click();
  await expectListwiseRound(page, 1, total);
}

export async function expectListwiseRound(page: Page, round: number, total: number): Promise<void> {
  await expect(roundHeading(page)).toHaveText(`Round ${round} of ${total}`);
  await expect(page.getByRole("progressbar", { name: "Study progress" })).toHaveAttribute("aria-valuenow", String(round - 1));
}

export const rankSelect = (page: Page, letter: string) => page.getByLabel(`Rank for Response ${letter}`, { exact: true });
export const dragHandle = (page: Page, letter: string) => page.getByRole("button", { name: `Drag Response ${letter}`, exact: true });
export const submitButton = (page: Page) => page.getByRole("button", { name: "Submit ranking" });

/** The ranking the page shows, best first, read from the rank menus (null while incomplete). */
export async function shownRanking(page: Page, letters: readonly string[]): Promise<string[] | null> {
  const byRank: string[] = [];
  for (const l of letters) {
    const v = await rankSelect(page, l).inputValue();
    if (!v) return null;
    byRank[Number(v) - 1] = l;
  }
  return byRank;
}

/** The letters shown in this round (A, B, C…), in list order. */
export async function shownLetters(page: Page): Promise<string[]> {
  const titles = await page.locator(".ms-rank__item h4").allTextContents();
  return titles.map((t) => t.replace(/^Response /, "").trim());
}

/** Drags `letter`'s card onto the first card with the mouse (small steps, as dnd-kit's pointer sensor needs). */
async function mouseDragToTop(page: Page, letter: string, first: string): Promise<void> {
  await page.locator(".ms-rank__list").evaluate((el) => el.scrollIntoView({ block: "start" }));
  const from = (await dragHandle(page, letter).boundingBox())!;
  const to = (await dragHandle(page, first).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 - 12, { steps: 12 });
  await page.mouse.up();
}

/**
 * Ranks the round on screen and submits; returns the ranking submitted (letters, best first).
 * "select": rank menus for the first n−1 of `target` (the last one is forced). The drag methods
 * move a response with keyboard or mouse first, then finish with a menu; their result is read
 * back from the page.
 */
export async function rankRound(page: Page, round: number, total: number, target: readonly string[], method: TRankMethod): Promise<string[]> {
  await expectListwiseRound(page, round, total);
  const letters = await shownLetters(page);
  expect([...letters].sort()).toEqual([...target].sort());
  // Nothing is ranked when a round starts, and the list cannot be submitted as shown.
  for (const l of letters) await expect(rankSelect(page, l)).toHaveValue("");
  await expect(submitButton(page)).toBeDisabled();
  await expect(page.getByText(`Rank all ${letters.length} responses to continue.`)).toBeVisible();

  if (method === "keyboard-drag") {
    // Move the first response down one place with the keyboard: it becomes rank 2.
    const first = letters[0];
    const handle = dragHandle(page, first);
    await handle.focus();
    await page.keyboard.press("Space");
    await expect(handle).toHaveAttribute("aria-pressed", "true");
    // dnd-kit's live region says what happened: wait for it before each next key.
    await expect(page.getByText(`Response ${first} is over position 1 of ${letters.length}.`)).toBeAttached();
    // dnd-kit attaches its key listener just after the pick-up is announced; a key pressed in that
    // instant is lost, so press again until the live region reports the move (never twice after it).
    const overTwo = page.getByText(`Response ${first} is over position 2 of ${letters.length}.`);
    await expect(async () => {
      if (!(await overTwo.count())) await page.keyboard.press("ArrowDown");
      await expect(overTwo).toBeAttached({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await page.keyboard.press("Space");
    await expect(handle).not.toHaveAttribute("aria-pressed", "true");
    await expect(rankSelect(page, first)).toHaveValue("2");
    await expect(submitButton(page)).toBeDisabled();
    // Then the last response to the top with its menu.
    await rankSelect(page, letters[letters.length - 1]).selectOption("1");
  } else if (method === "mouse-drag") {
    const last = letters[letters.length - 1];
    await mouseDragToTop(page, last, letters[0]);
    await expect(rankSelect(page, last)).toHaveValue("1");
    await expect(submitButton(page)).toBeDisabled();
    await rankSelect(page, letters[0]).selectOption("2");
  } else {
    for (const [i, l] of target.slice(0, -1).entries()) {
      await rankSelect(page, l).selectOption(String(i + 1));
      if (i < target.length - 2) await expect(submitButton(page)).toBeDisabled();
    }
  }

  const ranking = await shownRanking(page, letters);
  expect(ranking, `round ${round}: the ranking is complete`).not.toBeNull();
  if (method === "select" || method === "dblclick-submit") expect(ranking).toEqual(target);
  await expect(page.getByText(/^Rank all \d+ responses to continue\.$/)).toHaveCount(0);
  const submit = submitButton(page);
  await expect(submit).toBeEnabled();
  if (method === "dblclick-submit") await submit.dblclick();
  else await submit.click();
  if (round < total) await expectListwiseRound(page, round + 1, total);
  else await expect(page.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();
  return ranking!;
}

/** Deterministic permutations of the shown letters, varied by rater and round. */
export function targetRanking(letters: readonly string[], rater: number, round: number): string[] {
  const perms = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];
  // Skewed towards the first perms so the systems' counts differ between raters and ranks.
  const k = (rater * 7 + round * round * 3 + round) % 6;
  return perms[k].map((i) => letters[i]);
}

/** The listwise study's system ids and table labels, none of which may reach a rater. */
export const LISTWISE_FORBIDDEN = wholeWords(["qwen", "ltu", "mullama", "Qwen", "LTU", "MU-LLaMA"]);

