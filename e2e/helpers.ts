// Shared steps for the e2e specs: researcher sign-in, study setup through the UI, and a participant walking the rounds.
import { expect, type Page, type TestInfo } from "@playwright/test";
import { writeMixAssistFixture } from "./fixtures/make-fixtures";

export const ALICE = { email: "alice@e2e.test", password: "alice-password-1" } as const;
export const BOB = { email: "bob@e2e.test", password: "bob-password-22" } as const;

/** The template's hidden system labels (studies/templates/mixassist-pairwise.yaml, e2e/fixtures/make-fixtures.ts). */
export const GENERATED_SYSTEM = "qwen-ft";
export const REFERENCE_SYSTEM = "expert";

export type TAnswer = "A" | "B" | "both_good" | "both_bad";
export type TAnswerMethod = "click" | "key" | "dblclick";

/** The template's answer labels and keys (components/pairwise-round.tsx renders them as buttons). */
export const ANSWER_LABEL: Record<TAnswer, string> = {
  A: "Response A is better",
  B: "Response B is better",
  both_good: "Both are good",
  both_bad: "Both are bad",
};
export const ANSWER_KEY: Record<TAnswer, string> = { A: "1", B: "2", both_good: "3", both_bad: "4" };

/** A short unique suffix so studies and participants of different specs and runs never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/studies$/);
  await expect(page.getByRole("heading", { name: "Your studies" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
}

/** Creates a study from a template on /studies, renames it to `title`, and returns its id. */
export async function createStudyFromTemplate(page: Page, title: string, template = "mixassist-pairwise"): Promise<string> {
  await page.goto("/studies");
  await page.getByLabel("Start from").selectOption(template);
  await page.getByRole("button", { name: "Create study" }).click();
  await page.waitForURL(/\/studies\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  return id;
}

/** Writes a MixAssist fixture into the test's output folder and imports it on the study page. */
export async function importFixture(page: Page, testInfo: TestInfo, items = 10): Promise<{ items: number; audioFiles: number }> {
  const fixture = await writeMixAssistFixture(testInfo.outputPath("fixture"), { items });
  await page.locator('input[type=file][name="rows"]').setInputFiles(fixture.rowsPath);
  await page.locator('input[type=file][name="outputs"]').setInputFiles(fixture.outputsPath);
  await page.locator('input[type=file][name="audio"]').setInputFiles(fixture.zipPath);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const status = page.getByText(/^Imported \d+ items with \d+ audio files\.$/);
  await expect(status).toBeVisible();
  const m = /^Imported (\d+) items with (\d+) audio files\.$/.exec((await status.textContent()) ?? "")!;
  return { items: Number(m[1]), audioFiles: Number(m[2]) };
}

/** Publishes the study open on the page; returns the participant link's slug and the link. */
export async function publish(page: Page): Promise<{ slug: string; link: string }> {
  await page.getByRole("button", { name: "Publish study" }).click();
  const linkEl = page.getByTestId("participant-link");
  await expect(linkEl).toBeVisible();
  const link = (await linkEl.textContent())!.trim();
  const slug = new URL(link).pathname.replace(/^\/s\//, "");
  expect(slug).toMatch(/^[\w-]+$/);
  return { slug, link };
}

/** Opens the participant link with Prolific ids and goes through consent, profile and instructions to round 1. */
export async function startParticipant(
  page: Page,
  slug: string,
  { pid, studyId = "E2E-STUDY", sessionId = unique("session"), expertise = "Intermediate" }: { pid: string; studyId?: string; sessionId?: string; expertise?: "Amateur" | "Intermediate" | "Expert" },
): Promise<void> {
  const qs = new URLSearchParams({ PROLIFIC_PID: pid, STUDY_ID: studyId, SESSION_ID: sessionId });
  await page.goto(`/s/${slug}?${qs}`);
  await expect(page.getByRole("heading", { name: "Consent" })).toBeVisible();
  const cont = page.getByRole("button", { name: "Continue" });
  await expect(cont).toBeDisabled();
  await page.getByLabel("I agree").check();
  await cont.click();
  await expect(page.getByRole("heading", { name: "About you" })).toBeVisible();
  await page.getByLabel(expertise, { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Instructions" })).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();
  await expectRound(page, 1);
}

export function roundHeading(page: Page) {
  return page.locator("#ms-round-heading");
}

export async function expectRound(page: Page, round: number, total = 10): Promise<void> {
  await expect(roundHeading(page)).toHaveText(`Round ${round} of ${total}`);
  await expect(page.getByRole("progressbar", { name: "Study progress" })).toHaveAttribute("aria-valuenow", String(round - 1));
}

/** Answers the round on screen (round `round` of `total`) and waits for the next round or the done page. */
export async function answerRound(page: Page, round: number, answer: TAnswer, method: TAnswerMethod = "click", total = 10): Promise<void> {
  await expectRound(page, round, total);
  const button = page.getByRole("button", { name: ANSWER_LABEL[answer], exact: true });
  await expect(button).toBeEnabled();
  if (method === "key") await page.keyboard.press(ANSWER_KEY[answer]);
  else if (method === "dblclick") await button.dblclick();
  else await button.click();
  if (round < total) await expectRound(page, round + 1, total);
  else await expect(page.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();
}

/** Answers rounds `from`…`from + answers.length - 1` with the given answers and input methods. */
export async function answerRounds(page: Page, answers: readonly TAnswer[], methods: readonly TAnswerMethod[] = [], from = 1, total = 10): Promise<void> {
  for (const [i, answer] of answers.entries()) await answerRound(page, from + i, answer, methods[i] ?? "click", total);
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into objects keyed by the header row; "#" comment lines are skipped. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      records.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    records.push(row);
  }
  // A table export ends with a comment line naming its configuration ("# Configuration v2, sha256 …"): not a data row.
  const [header, ...body] = records.filter((r) => !r[0]?.startsWith("#"));
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ""])));
}
