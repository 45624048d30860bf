// The whole listwise study (MixAssist Appendix D.2): a researcher imports the judge CSV, four raters
// rank all 25 items by menus, keyboard and mouse drag, and Table 7 counts exactly their rankings;
// the ranking round is checked for blinding and for a ranking with ties sent straight to the API.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { findLeaks as findIn, recordEverything } from "./blinding-capture";
import { ALICE, createStudyFromTemplate, parseCsv, publish, signIn, unique } from "./helpers";
import {
  LISTWISE_CRITERIA_STARTS,
  LISTWISE_SYSTEMS,
  importJudgeCsv,
  rankRound,
  rankSelect,
  LISTWISE_FORBIDDEN,
  shownLetters,
  startRater,
  submitButton,
  targetRanking,
  writeJudgeCsvFixture,
  type TRankMethod,
} from "./listwise-helpers";

// Fail fast on a missing control instead of waiting out the whole test.
test.use({ actionTimeout: 20_000 });

const ITEMS = 25;
const RATERS = ["R1", "R2", "R3", "R4"];
const SEED = 7;

// Most rounds by rank menus; a few by keyboard drag, mouse drag, or a double-clicked submit.
const SPECIAL: Record<string, Record<number, TRankMethod>> = {
  R1: { 2: "keyboard-drag", 5: "dblclick-submit" },
  R2: { 3: "mouse-drag" },
  R3: { 4: "keyboard-drag" },
  R4: { 6: "mouse-drag", 7: "dblclick-submit" },
};

interface TRecorded {
  pid: string;
  round: number;
  ranking: string[];
}

test("four raters rank a listwise study and Table 7 counts exactly their rankings", async ({ browser, page }, testInfo) => {
  test.setTimeout(420_000);
  const title = unique("Listwise flow");
  const pidOf = (r: string) => `${r}-${title.slice(-6)}`;

  // Researcher: create from the template, import the judge CSV as is (with its audio), publish.
  await signIn(page, ALICE.email, ALICE.password);
  const studyId = await createStudyFromTemplate(page, title, "mixassist-listwise");
  const fixture = await writeJudgeCsvFixture(testInfo.outputPath("fixture"), ITEMS, SEED);
  const imported = await importJudgeCsv(page, fixture.csvPath, fixture.zipPath);
  expect(imported.items).toBe(ITEMS);
  expect(imported.audioFiles).toBeGreaterThan(0);
  const { slug } = await publish(page);

  const recorded: TRecorded[] = [];
  for (const [raterIndex, rater] of RATERS.entries()) {
    const pid = pidOf(rater);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await context.newPage();
    const rec = raterIndex === 0 ? recordEverything(p) : null;
    // Hydration mismatches (e.g. dnd-kit's generated ids) and uncaught errors show up here.
    const pageErrors: string[] = [];
    p.on("pageerror", (e) => pageErrors.push(e.message));
    p.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(m.text());
    });
    await startRater(p, slug, pid, ITEMS);

    // Every round repeats the criteria, in order.
    const roundCriteria = p.locator(".ms-rank__criteria li");
    await expect(roundCriteria).toHaveCount(3);
    for (const [i, start] of LISTWISE_CRITERIA_STARTS.entries()) await expect(roundCriteria.nth(i)).toContainText(start);

    let firstText = "";
    if (raterIndex === 0) {
      const letters = await shownLetters(p);
      expect(letters).toEqual(["A", "B", "C"]);
      firstText = (await p.locator(".ms-rank__item .ms-rank__text").first().textContent()) ?? "";
      expect(firstText.length).toBeGreaterThan(20);

      // A ranking with a tie, sent straight to the API with the rater's cookie: 400, nothing stored.
      const before = await (await p.request.get(`/api/s/${slug}/state`)).json();
      expect(before.progress.answered).toBe(0);
      for (const bad of [["A", "A", "B"], ["A", "B"], ["A", "B", "D"]]) {
        const res = await p.request.post(`/api/s/${slug}/answer`, { data: { trialId: before.trial.trialId, answer: bad, requestId: randomUUID() } });
        expect(res.status(), JSON.stringify(bad)).toBe(400);
        expect(res.headers()["content-type"]).toContain("application/problem+json");
      }
      const after = await (await p.request.get(`/api/s/${slug}/state`)).json();
      expect(after.progress.answered).toBe(0);
      expect(after.trial.trialId).toBe(before.trial.trialId);

      // Screenshots with one response ranked, wide and at 375 px (no sideways scrolling there).
      await rankSelect(p, "B").selectOption("1");
      await expect(submitButton(p)).toBeDisabled();
      await p.screenshot({ path: "test-results/screenshots/listwise-desktop.png", fullPage: true });
      await p.setViewportSize({ width: 375, height: 812 });
      await expect(submitButton(p)).toBeVisible();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await p.screenshot({ path: "test-results/screenshots/listwise-phone.png", fullPage: true });
      await p.setViewportSize({ width: 1280, height: 900 });
      // The draft lives in the page only: a reload starts the round unranked again.
      await p.reload();
      await expect(rankSelect(p, "B")).toHaveValue("");
    }

    for (let round = 1; round <= ITEMS; round++) {
      await rec?.snapshot(`round ${round}`);
      const letters = await shownLetters(p);
      const method = SPECIAL[rater][round] ?? "select";
      const ranking = await rankRound(p, round, ITEMS, targetRanking(letters, raterIndex, round), method);
      recorded.push({ pid, round, ranking });
    }
    await expect(p.getByText("MIXASSIST-LW", { exact: true })).toBeVisible();
    expect(pageErrors, `${rater}: errors in the page`).toEqual([]);

    if (rec) {
      await rec.snapshot("done");
      const { network: net, dom } = await rec.settle();
      const captured = [...net, ...dom];
      // The capture saw what the rater saw, else an empty capture would pass.
      const network = net.map((c) => c.text).join("\n");
      expect(network).toContain(JSON.stringify(firstText.slice(0, 40)).slice(1, -1));
      expect(captured.some((c) => c.source.startsWith("response body (document"))).toBe(true);
      expect(captured.some((c) => c.source.includes(`/api/s/${slug}/answer`) && c.source.startsWith("response body"))).toBe(true);
      expect(captured.filter((c) => c.source.startsWith("response body (script")).length).toBeGreaterThan(3);
      expect(dom.map((c) => c.text).join("\n")).toContain("Round 25 of 25");
      expect(findIn([{ source: "control", text: "qwen; LTU, MU-LLaMA. (mullama) Qwen ltu" }], LISTWISE_FORBIDDEN)).toHaveLength(6);
      expect(findIn(captured, LISTWISE_FORBIDDEN), "system names reached the rater's browser").toEqual([]);
    }
    await context.close();
  }
  expect(recorded).toHaveLength(RATERS.length * ITEMS);

  // Researcher: the judgments export has one row per ranking, with the systems shown at A, B, C.
  const base = `/api/studies/${studyId}/export`;
  const get = async (query: string) => {
    const res = await page.request.get(`${base}?${query}`);
    expect(res.status(), query).toBe(200);
    return res.text();
  };
  const judgments = parseCsv(await get("table=judgments&format=csv"));
  expect(judgments).toHaveLength(RATERS.length * ITEMS);

  const ids = LISTWISE_SYSTEMS.map((s) => s.id);
  const expected = new Map<string, number[]>(ids.map((id) => [id, [0, 0, 0]]));
  const seenAtA = new Set<string>();
  for (const r of recorded) {
    const rows = judgments.filter((j) => j.prolific_pid === r.pid && Number(j.round) === r.round);
    expect(rows, `${r.pid} round ${r.round}`).toHaveLength(1);
    const row = rows[0];
    expect([row.system_a, row.system_b, row.system_c].sort()).toEqual([...ids].sort());
    seenAtA.add(row.system_a);
    expect(row.answer_position).toBe(r.ranking.join(">"));
    const systems = r.ranking.map((l) => row[`system_${l.toLowerCase()}`]);
    expect(row.answer).toBe(systems.join(">"));
    systems.forEach((s, rank) => expected.get(s)![rank]++);
  }
  // The order is drawn per rater and item: every system is shown first somewhere.
  expect([...seenAtA].sort()).toEqual([...ids].sort());
  // Every rater ranked every item once.
  for (const rater of RATERS) {
    const items = judgments.filter((j) => j.prolific_pid === pidOf(rater)).map((j) => j.item_id);
    expect(new Set(items).size, rater).toBe(ITEMS);
  }

  // Table 7 counts exactly the raters' rankings, mapped through the positions' systems.
  const table7 = parseCsv(await get("table=7&format=csv"));
  expect(Object.keys(table7[0])).toEqual(["Model", "Rank 1 Count", "Rank 2 Count", "Rank 3 Count"]);
  expect(table7.map((r) => r.Model)).toEqual(LISTWISE_SYSTEMS.map((s) => s.label));
  for (const { id, label } of LISTWISE_SYSTEMS) {
    const row = table7.find((r) => r.Model === label)!;
    const counts = [1, 2, 3].map((k) => Number(row[`Rank ${k} Count`]));
    expect(counts, label).toEqual(expected.get(id));
    expect(counts.reduce((a, b) => a + b, 0), label).toBe(RATERS.length * ITEMS);
  }
});
