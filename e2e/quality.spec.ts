// Data quality in the browser: a participant who fails the attention check (a gold item at round 2)
// is screened out with Prolific's screen-out code, or (after live edits) flagged, or excluded; the
// researcher's exports with and without those sessions differ by exactly their rows.
import crypto from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { writeMixAssistFixture } from "./fixtures/make-fixtures";
import { ALICE, REFERENCE_SYSTEM, createStudyFromTemplate, expectRound, importFixture, parseCsv, publish, signIn, unique } from "./helpers";

const SHOTS = "/work/shots";
const SCREEN_OUT_CODE = "SCREENOUT-E2E";
const VIEWPORTS = [
  { name: "375", width: 375, height: 812 },
  { name: "1280", width: 1280, height: 900 },
] as const;

/** Imports a fixture whose first two rows are gold items: the expert's reply is the right answer. Returns the gold replies. */
async function importWithGold(page: Page, dir: string): Promise<string[]> {
  const fixture = await writeMixAssistFixture(dir, { items: 8, seconds: 1 });
  const rows = (await readFile(fixture.rowsPath, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  const withGold = rows.map((r, i) => (i < 2 ? { ...r, attention_check: { answer: REFERENCE_SYSTEM } } : r));
  await writeFile(fixture.rowsPath, withGold.map((r) => JSON.stringify(r)).join("\n") + "\n");
  await page.locator('input[type=file][name="rows"]').setInputFiles(fixture.rowsPath);
  await page.locator('input[type=file][name="outputs"]').setInputFiles(fixture.outputsPath);
  await page.locator('input[type=file][name="audio"]').setInputFiles(fixture.zipPath);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText(/^Imported 8 items with \d+ audio files\.$/)).toBeVisible();
  return rows.slice(0, 2).map((r) => String(r.assistant).trim());
}

/** Opens the link with Prolific ids and goes through consent, profile and instructions to round 1 of 4. */
async function start(p: Page, slug: string, pid: string, total = 4) {
  await p.goto(`/s/${slug}?${new URLSearchParams({ PROLIFIC_PID: pid, STUDY_ID: "E2E-QUALITY", SESSION_ID: unique("session") })}`);
  await p.getByLabel("I agree").check();
  await p.getByRole("button", { name: "Continue" }).click();
  await p.getByLabel("Intermediate", { exact: true }).check();
  await p.getByRole("button", { name: "Continue" }).click();
  await p.getByRole("button", { name: "Start" }).click();
  await expectRound(p, 1, total);
}

/** Sets the study's quality settings through the settings API (as the study file would). */
async function setQuality(page: Page, studyId: string, onFail: "flag" | "exclude" | "screen_out") {
  const current = (await (await page.request.get(`/api/studies/${studyId}`)).json()) as { config: Record<string, any> };
  const config = {
    ...current.config,
    design: { ...current.config.design, roundsPerParticipant: 3, judgmentsPerItem: null },
    completion: { ...current.config.completion, screenOutCode: SCREEN_OUT_CODE },
    quality: { ...current.config.quality, attentionChecks: { rounds: [2], onFail } },
  };
  const res = await page.request.patch(`/api/studies/${studyId}`, { data: { config } });
  expect(res.status()).toBe(200);
}

/** Round k of 4: at round 2 (the gold item, which looks like any round) picks the expert's reply or the other one. */
async function answerAll(p: Page, gold: string[], passGold: boolean, { until = 4 }: { until?: number } = {}) {
  for (let round = 1; round <= until; round++) {
    await expectRound(p, round, 4);
    let answer = "Response A is better";
    if (round === 2) {
      const a = ((await p.getByRole("group", { name: "Response A" }).locator("p").textContent()) ?? "").trim();
      const expertAtA = gold.includes(a);
      answer = expertAtA === passGold ? "Response A is better" : "Response B is better";
    }
    await p.getByRole("button", { name: answer, exact: true }).click();
    if (round === 2 && !passGold) return;
  }
}

async function judgmentsCsv(page: Page, studyId: string, flagged?: string) {
  const res = await page.request.get(`/api/studies/${studyId}/export?table=judgments&format=csv${flagged ? `&flagged=${flagged}` : ""}`);
  expect(res.status()).toBe(200);
  return { rows: parseCsv(await res.text()), statement: res.headers()["x-mixstudy-exclusion"] };
}

test("a failed attention check screens out, flags or excludes as configured; exports with and without the session differ by its rows", async ({ browser, page }, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page, ALICE.email, ALICE.password);
  const studyId = await createStudyFromTemplate(page, unique("Quality"));
  await setQuality(page, studyId, "screen_out");
  await page.reload();
  const gold = await importWithGold(page, testInfo.outputPath("fixture"));
  const { slug } = await publish(page);

  // A careful participant passes the gold round and finishes 4 rounds (3 regular + 1 gold).
  const goodPid = unique("PID-good");
  const good = await (await browser.newContext()).newPage();
  await start(good, slug, goodPid);
  await answerAll(good, gold, true);
  await expect(good.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();

  // A careless one picks the other reply at round 2: screened out, with the screen-out code, and no more rounds.
  const badPid = unique("PID-bad");
  const badContext = await browser.newContext();
  const bad = await badContext.newPage();
  await start(bad, slug, badPid);
  await answerAll(bad, gold, false);
  await expect(bad.getByRole("heading", { name: "Your session has ended" })).toBeVisible();
  await expect(bad.getByText("Your screen-out code:")).toBeVisible();
  await expect(bad.locator("code.ms-code")).toHaveText(SCREEN_OUT_CODE);
  await bad.reload();
  await expect(bad.getByRole("heading", { name: "Your session has ended" })).toBeVisible();
  await expect(bad.locator("#ms-round-heading")).toHaveCount(0);
  for (const vp of VIEWPORTS) {
    await bad.setViewportSize({ width: vp.width, height: vp.height });
    await bad.screenshot({ path: `${SHOTS}/quality-screened-out-${vp.name}.png`, fullPage: true });
  }

  // Exports: the default leaves the screened-out session out; include keeps it; the difference is exactly its rows.
  const standard = await judgmentsCsv(page, studyId);
  const all = await judgmentsCsv(page, studyId, "include");
  expect(standard.rows.map((r) => r.prolific_pid)).toEqual([goodPid, goodPid, goodPid]);
  const extra = all.rows.filter((r) => !standard.rows.some((s) => s.participant_id === r.participant_id && s.round === r.round));
  expect(extra.map((r) => [r.prolific_pid, r.round])).toEqual([[badPid, "1"]]); // round 2 was the gold item: never a row
  expect(all.rows).toHaveLength(standard.rows.length + 1);
  expect(standard.statement).toBe("Excluded 1 of 2 sessions: 1 screened out. Merely flagged sessions are included (flagged=standard).");
  const table3 = await (await page.request.get(`/api/studies/${studyId}/export?table=3&format=csv`)).text();
  expect(table3).toContain("# Excluded 1 of 2 sessions: 1 screened out.");

  // A live edit to onFail "flag": the next careless participant finishes but is flagged; flagged=exclude leaves them out.
  await setQuality(page, studyId, "flag");
  const flaggedPid = unique("PID-flag");
  const f = await (await browser.newContext()).newPage();
  await start(f, slug, flaggedPid);
  await answerAll(f, gold, false);
  await expectRound(f, 3, 4);
  await f.getByRole("button", { name: "Response A is better", exact: true }).click();
  await expectRound(f, 4, 4);
  await f.getByRole("button", { name: "Response A is better", exact: true }).click();
  await expect(f.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();
  const withFlagged = await judgmentsCsv(page, studyId);
  const withoutFlagged = await judgmentsCsv(page, studyId, "exclude");
  const diff = withFlagged.rows.filter((r) => !withoutFlagged.rows.some((s) => s.participant_id === r.participant_id && s.round === r.round));
  expect(diff.map((r) => [r.prolific_pid, r.round])).toEqual([[flaggedPid, "1"], [flaggedPid, "3"], [flaggedPid, "4"]]);
  expect(withoutFlagged.rows.every((r) => r.prolific_pid === goodPid)).toBe(true);
  expect(withoutFlagged.statement).toBe("Excluded 2 of 3 sessions: 1 screened out, 1 failed attention check. Every flagged session is excluded (flagged=exclude).");

  // The results page: the switch sets ?flagged= and the statement says what was used.
  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByTestId("exclusion-statement")).toHaveText("Excluded 1 of 3 sessions: 1 screened out. Merely flagged sessions are included (flagged=standard).");
  await expect(page.getByText("6 judgments.")).toBeVisible();
  await page.getByTestId("flagged-exclude").click();
  await expect(page).toHaveURL(/flagged=exclude/);
  await expect(page.getByTestId("exclusion-statement")).toHaveText(withoutFlagged.statement!);
  await expect(page.getByText("3 judgments.")).toBeVisible();
  await expect(page.getByTestId("flagged-exclude")).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Download every judgment (CSV)" })).toHaveAttribute("href", `/api/studies/${studyId}/export?table=judgments&format=csv&flagged=exclude`);
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.screenshot({ path: `${SHOTS}/quality-results-${vp.name}.png`, fullPage: false });
  }
  // The progress page counts the flagged sessions.
  await page.goto(`/studies/${studyId}/progress`);
  await expect(page.getByTestId("flags")).toContainText("attention failed: 2");
  await expect(page.getByText("2 participant(s) flagged · 1 excluded")).toBeVisible();

  // A live edit to onFail "exclude": the next careless participant finishes, but the default export leaves them out.
  await setQuality(page, studyId, "exclude");
  const excludedPid = unique("PID-excl");
  const x = await (await browser.newContext()).newPage();
  await start(x, slug, excludedPid);
  await answerAll(x, gold, false);
  await expectRound(x, 3, 4);
  await x.getByRole("button", { name: "Response A is better", exact: true }).click();
  await expectRound(x, 4, 4);
  await x.getByRole("button", { name: "Response A is better", exact: true }).click();
  await expect(x.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();
  const standardNow = await judgmentsCsv(page, studyId);
  const everything = await judgmentsCsv(page, studyId, "include");
  expect(standardNow.rows.some((r) => r.prolific_pid === excludedPid)).toBe(false);
  const onlyIncluded = everything.rows.filter((r) => !standardNow.rows.some((s) => s.participant_id === r.participant_id && s.round === r.round));
  expect(onlyIncluded.filter((r) => r.prolific_pid === excludedPid).map((r) => r.round)).toEqual(["1", "3", "4"]);
  expect(standardNow.statement).toMatch(/^Excluded 2 of 4 sessions: /);
});

test("a study that requires 1 s of listening: answers wait for the clip, the API refuses a short report, the export has the listening", async ({ browser, page }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page, ALICE.email, ALICE.password);
  const studyId = await createStudyFromTemplate(page, unique("Listening"));
  const current = (await (await page.request.get(`/api/studies/${studyId}`)).json()) as { config: Record<string, any> };
  const config = { ...current.config, design: { ...current.config.design, roundsPerParticipant: 1, judgmentsPerItem: null }, quality: { ...current.config.quality, requireListening: { seconds: 1 } } };
  expect((await page.request.patch(`/api/studies/${studyId}`, { data: { config } })).status()).toBe(200);
  await page.reload();
  await importFixture(page, testInfo, 4); // 3 s clips
  const { slug } = await publish(page);

  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const p = await context.newPage();
  const pid = unique("PID-listen");
  await start(p, slug, pid, 1);
  const answerA = p.getByRole("button", { name: "Response A is better", exact: true });
  await expect(answerA).toBeDisabled();
  await expect(p.getByTestId("listening-block")).toHaveText("Listen to the audio clip for at least 1 s before answering (0.0 s so far).");
  await p.getByTestId("listening-block").scrollIntoViewIfNeeded();
  await p.screenshot({ path: `${SHOTS}/quality-listening-375.png` });

  // The API holds a client that skips the player to the same rule (with the participant's own cookie).
  const state = (await (await p.request.get(`/api/s/${slug}/state`)).json()) as { trial: { trialId: string } };
  const refused = await p.request.post(`/api/s/${slug}/answer`, {
    data: { trialId: state.trial.trialId, answer: "A", requestId: crypto.randomUUID(), listening: { clips: { main: { playedMs: 400, plays: 1, seeks: 0 } } } },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { detail: string }).detail).toContain("at least 1 s");

  await p.getByRole("button", { name: "Play Audio clip" }).click();
  await expect(answerA).toBeEnabled({ timeout: 15_000 });
  await expect(p.getByTestId("listening-block")).toHaveCount(0);
  await answerA.click();
  await expect(p.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();

  const rows = parseCsv(await (await page.request.get(`/api/studies/${studyId}/export?table=judgments&format=csv`)).text());
  expect(rows).toHaveLength(1);
  expect(rows[0].prolific_pid).toBe(pid);
  expect(Number(rows[0].played_s)).toBeGreaterThanOrEqual(1);
  expect(rows[0].plays).toBe("1");
  expect(rows[0].seeks).toBe("0");
});
