// The whole pairwise study: a researcher sets it up, a participant answers 10 rounds (reload and
// double click included), and the exports count exactly what the participant chose.
import { expect, test } from "@playwright/test";
import {
  ALICE,
  GENERATED_SYSTEM,
  REFERENCE_SYSTEM,
  answerRounds,
  createStudyFromTemplate,
  expectRound,
  importFixture,
  parseCsv,
  publish,
  signIn,
  startParticipant,
  unique,
  type TAnswer,
  type TAnswerMethod,
} from "./helpers";

// What the participant clicks, round by round, and how (mouse, keys 1–4, a double click).
const ANSWERS: TAnswer[] = ["A", "B", "both_good", "both_bad", "B", "A", "both_bad", "A", "B", "both_good"];
const METHODS: TAnswerMethod[] = ["click", "key", "click", "key", "dblclick", "key", "click", "key", "click", "key"];

const TABLE3_ROWS = [
  ["generated_better", "Generated Better"],
  ["human_better", "Human Better"],
  ["both_good", "Both Good"],
  ["both_bad", "Both Bad"],
] as const;

test("a researcher runs a pairwise study and the exports count the participant's answers", async ({ browser, page }, testInfo) => {
  const title = unique("Pairwise flow");
  const pid = unique("PID-flow");
  const sessionId = unique("SESSION-flow");

  // Researcher: create, import 10 items with audio, publish.
  await signIn(page, ALICE.email, ALICE.password);
  const studyId = await createStudyFromTemplate(page, title);
  const imported = await importFixture(page, testInfo, 10);
  expect(imported.items).toBe(10);
  expect(imported.audioFiles).toBeGreaterThan(0);
  const { slug } = await publish(page);

  // Participant, in a browser context of their own.
  const participantContext = await browser.newContext();
  const p = await participantContext.newPage();
  await startParticipant(p, slug, { pid, studyId: "E2E-PROLIFIC-STUDY", sessionId, expertise: "Intermediate" });

  // The audio player fetches the clip when Play is pressed: the request must succeed (200 or 206).
  const audioResponse = p.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/audio/"));
  await p.getByRole("button", { name: "Play Audio clip" }).click();
  expect([200, 206]).toContain((await audioResponse).status());
  await expect(p.getByRole("button", { name: /^(Pause|Play) Audio clip$/ })).toBeVisible();

  // Rounds 1–4, then a reload resumes at round 5.
  await answerRounds(p, ANSWERS.slice(0, 4), METHODS.slice(0, 4), 1);
  await expectRound(p, 5);
  await p.reload();
  await expectRound(p, 5);
  await expect(p.getByRole("heading", { name: "Consent" })).toHaveCount(0);

  // Round 5 is a double click: one answer only, so round 6 follows (not 7) and the export has 10 rows.
  await answerRounds(p, ANSWERS.slice(4, 9), METHODS.slice(4, 9), 5);

  // The last answer completes the study: completion code, then the redirect to Prolific (stubbed).
  await p.route("https://app.prolific.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Prolific stub</title><p>Prolific stub</p>" }),
  );
  const redirect = p.waitForRequest((r) => r.url().startsWith("https://app.prolific.com/"));
  await answerRounds(p, ANSWERS.slice(9), METHODS.slice(9), 10);
  await expect(p.getByText("MIXASSIST-PW", { exact: true })).toBeVisible();
  await expect(p.getByText(/Returning you to Prolific…/)).toBeVisible();
  const redirectUrl = new URL((await redirect).url());
  expect(redirectUrl.pathname).toBe("/submissions/complete");
  expect(redirectUrl.searchParams.get("cc")).toBe("MIXASSIST-PW");
  await expect(p.getByText("Prolific stub")).toBeVisible();
  await participantContext.close();

  // Researcher: progress, then the exports.
  await page.goto(`/studies/${studyId}`);
  const progress = page.getByTestId("progress");
  await expect(progress.locator("div", { hasText: "Participants finished" }).locator("dd")).toHaveText("1");
  await expect(progress.locator("div", { hasText: /^Judgments/ }).locator("dd")).toHaveText("10");

  const base = `/api/studies/${studyId}/export`;
  const get = async (query: string) => {
    const res = await page.request.get(`${base}?${query}`);
    expect(res.status(), query).toBe(200);
    return res.text();
  };

  const judgments = parseCsv(await get("table=judgments&format=csv")).sort((a, b) => Number(a.round) - Number(b.round));
  expect(judgments).toHaveLength(10);
  expect(judgments.map((j) => Number(j.round))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(judgments.map((j) => j.answer_position)).toEqual(ANSWERS);
  const tally: Record<string, number> = { generated_better: 0, human_better: 0, both_good: 0, both_bad: 0 };
  for (const j of judgments) {
    expect(j.prolific_pid).toBe(pid);
    expect(j.prolific_study_id).toBe("E2E-PROLIFIC-STUDY");
    expect(j.prolific_session_id).toBe(sessionId);
    expect(j.expertise).toBe("Intermediate");
    expect([j.system_a, j.system_b].sort()).toEqual([REFERENCE_SYSTEM, GENERATED_SYSTEM].sort());
    if (j.answer_position === "A" || j.answer_position === "B") {
      const chosen = j.answer_position === "A" ? j.system_a : j.system_b;
      expect(j.chosen_system).toBe(chosen);
      expect(j.answer).toBe(chosen === GENERATED_SYSTEM ? "generated_better" : "human_better");
    } else {
      expect(j.answer).toBe(j.answer_position);
    }
    tally[j.answer]++;
  }
  // Every item judged once by this participant.
  expect(new Set(judgments.map((j) => j.item_id)).size).toBe(10);

  const csv3Text = await get("table=3&format=csv");
  const table3 = parseCsv(csv3Text);
  expect(Object.keys(table3[0])).toEqual(["Preference", "Count (N=10)", "%"]);
  expect(table3.map((r) => r.Preference)).toEqual(TABLE3_ROWS.map(([, label]) => label));
  for (const [answer, label] of TABLE3_ROWS) {
    const row = table3.find((r) => r.Preference === label)!;
    expect(Number(row["Count (N=10)"]), label).toBe(tally[answer]);
    expect(row["%"], label).toBe((tally[answer] * 10).toFixed(1));
  }
  expect(table3.reduce((s, r) => s + Number(r["Count (N=10)"]), 0)).toBe(10);

  const table11 = parseCsv(await get("table=11&format=csv"));
  const intermediate = table11.find((r) => r.Expertise === "Intermediate")!;
  expect(intermediate.N).toBe("1");
  expect(Number(intermediate.Generated)).toBe(tally.generated_better);
  expect(Number(intermediate.Human)).toBe(tally.human_better);
  expect(Number(intermediate["Both Good"])).toBe(tally.both_good);
  expect(Number(intermediate["Both Bad"])).toBe(tally.both_bad);
  for (const other of ["Amateur", "Expert"]) expect(table11.find((r) => r.Expertise === other)?.N).toBe("0");

  const md3 = await get("table=3&format=md");
  const tex3 = await get("table=3&format=tex");
  expect(md3).toContain("| Preference | Count (N=10) | % |");
  expect(tex3).toContain("\\toprule");
  for (const [answer, label] of TABLE3_ROWS) {
    const pct = (tally[answer] * 10).toFixed(1);
    expect(md3).toContain(`| ${label} | ${tally[answer]} | ${pct} |`);
    expect(tex3).toContain(`${label} & ${tally[answer]} & ${pct} \\\\`);
  }
  const md11 = await get("table=11&format=md");
  const tex11 = await get("table=11&format=tex");
  const counts11 = [tally.generated_better, tally.human_better, tally.both_good, tally.both_bad];
  expect(md11).toContain(`| Intermediate | 1 | ${counts11.join(" | ")} |`);
  expect(tex11).toContain(`Intermediate & 1 & ${counts11.join(" & ")} \\\\`);

  // The results page shows the same numbers.
  await page.getByRole("link", { name: "Results and exports" }).click();
  await page.waitForURL(`**/studies/${studyId}/results`);
  const t3 = page.getByTestId("table-3");
  await expect(t3.getByRole("columnheader", { name: "Count (N=10)" })).toBeVisible();
  for (const [answer, label] of TABLE3_ROWS) {
    await expect(t3.getByRole("row", { name: new RegExp(`^${label} `) }).getByRole("cell").nth(1)).toHaveText(String(tally[answer]));
  }
  const row11 = page.getByTestId("table-11").getByRole("row", { name: /^Intermediate / });
  await expect(row11.getByRole("cell")).toHaveText(["Intermediate", "1", ...counts11.map(String)]);
  // Each table's statistics in plain words under it, the same lines the exports carry.
  const decided = tally.generated_better + tally.human_better;
  const signLine = decided === 0 ? "No decided comparisons" : `of ${decided} decided comparisons`;
  await expect(page.getByTestId("table-3-notes")).toContainText(signLine);
  await expect(page.getByTestId("table-3-notes")).toContainText("Davidson Bradley–Terry model");
  expect(md3).toContain(signLine);
  expect(csv3Text).toContain(`# `);
  await expect(page.getByTestId("table-agreement-notes")).toContainText("Krippendorff's alpha (nominal)");
  await expect(page.getByRole("link", { name: "Download every judgment (CSV)" })).toHaveAttribute("href", `${base}?table=judgments&format=csv`);
});
