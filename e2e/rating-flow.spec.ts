// The rating study end to end: a researcher builds Mixing Buddy items from stems and attaches two systems'
// advice; a rater switches between the mix and its stems while playing (the position carries over, no
// restart), rates both responses on every criterion with feedback, reloads mid-study and resumes; the
// exported rating tables count exactly what was entered; nothing the rater received names a system or
// the injected error.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { findLeaks, recordEverything, wholeWords, type TForbidden } from "./blinding-capture";
import { adviceText, RATING_SYSTEMS, writeRatingFixture, type TRatingSystemId } from "./fixtures/rating-fixtures";
import { ALICE, createStudyFromTemplate, importFixture, parseCsv, publish, signIn, unique } from "./helpers";

const SEGMENT_SECONDS = 5;
// 5.3 dB lies in the template's "moderate" band (3–6 dB); an unusual number, so the scan can look for it.
const GAIN_DB = 5.3;

type TLikertId = "effectiveness" | "actionability" | "conventions";
interface TEntry {
  likert: Record<TLikertId, number>;
  direction: "raise" | "lower" | "leave";
  magnitude: "slight" | "moderate" | "a_lot";
  feedback: string;
}

/** What the rater enters, by system and round: so the expected tables below are fixed numbers. */
const ENTRIES: Record<TRatingSystemId, [TEntry, TEntry]> = {
  "mixing-buddy": [
    { likert: { effectiveness: 4, actionability: 5, conventions: 3 }, direction: "lower", magnitude: "moderate", feedback: "Names the right stem; the amount is plausible." },
    { likert: { effectiveness: 5, actionability: 4, conventions: 4 }, direction: "raise", magnitude: "a_lot", feedback: "Clear, but asks for too big a change." },
  ],
  baseline: [
    { likert: { effectiveness: 2, actionability: 1, conventions: 2 }, direction: "raise", magnitude: "slight", feedback: "Generic; nothing to act on." },
    { likert: { effectiveness: 1, actionability: 2, conventions: 3 }, direction: "leave", magnitude: "slight", feedback: "Says the balance is fine — it is not." },
  ],
};

// The template's criteria: label starts (for the form) and table labels.
const CRITERION: Record<TLikertId | "direction" | "magnitude", string> = {
  effectiveness: "How effective would this advice be at improving the balance of the mix?",
  actionability: "How actionable is this advice (could you carry it out directly)?",
  conventions: "How well does this advice adhere to mixing conventions?",
  direction: "Which way does the advice move the named track's level?",
  magnitude: "By how much does the advice say to change it?",
};
/** The criteria's short names, as the tables show them (the template's `short`). */
const TABLE_NAME: Record<keyof typeof CRITERION, string> = {
  effectiveness: "Effectiveness",
  actionability: "Actionability",
  conventions: "Conventions",
  direction: "Direction",
  magnitude: "Magnitude",
};
const OPTION_LABEL: Record<string, string> = {
  raise: "Raise it",
  lower: "Lower it",
  leave: "Leave it as is",
  slight: "Slightly",
  moderate: "Moderately",
  a_lot: "A lot",
};

/**
 * Worked by hand from ENTRIES (two ratings per system and criterion; SD with n − 1: |a − b| / √2):
 * n, mean, SD, median, then the counts of points 1..5.
 */
const EXPECTED_RATINGS: Record<string, Record<TLikertId, string[]>> = {
  "Mixing Buddy": {
    effectiveness: ["2", "4.50", "0.71", "4.50", "0", "0", "0", "1", "1"],
    actionability: ["2", "4.50", "0.71", "4.50", "0", "0", "0", "1", "1"],
    conventions: ["2", "3.50", "0.71", "3.50", "0", "0", "1", "1", "0"],
  },
  Baseline: {
    effectiveness: ["2", "1.50", "0.71", "1.50", "1", "1", "0", "0", "0"],
    actionability: ["2", "1.50", "0.71", "1.50", "1", "1", "0", "0", "0"],
    conventions: ["2", "2.50", "0.71", "2.50", "0", "1", "1", "0", "0"],
  },
};
/** Categorical answers per system: [option label, count, %]. */
const EXPECTED_CATEGORICAL: Record<string, Record<"direction" | "magnitude", [string, string, string][]>> = {
  "Mixing Buddy": {
    direction: [["Raise it", "1", "50.0"], ["Lower it", "1", "50.0"], ["Leave it as is", "0", "0.0"]],
    magnitude: [["Slightly", "0", "0.0"], ["Moderately", "1", "50.0"], ["A lot", "1", "50.0"]],
  },
  Baseline: {
    direction: [["Raise it", "1", "50.0"], ["Lower it", "0", "0.0"], ["Leave it as is", "1", "50.0"]],
    magnitude: [["Slightly", "2", "100.0"], ["Moderately", "0", "0.0"], ["A lot", "0", "0.0"]],
  },
};
/** |5.3| dB is "moderate": Mixing Buddy's moderate + a lot → 1 of 2; Baseline's slight + slight → 0 of 2. */
const EXPECTED_MAGNITUDE: Record<string, [string, string, string]> = { "Mixing Buddy": ["2", "1", "50.0"], Baseline: ["2", "0", "0.0"] };

// Whole words, case-sensitive: the systems' ids and labels, and what the ground truth is stored as.
const FORBIDDEN: TForbidden[] = [
  ...wholeWords(RATING_SYSTEMS.flatMap((s) => [s.id, s.label])),
  ...wholeWords(["gain_db", "gainDb", "ground_truth", "groundTruth", "mix_scale_db", "segment_start_s", "truth_track", "truth_gain_db"]),
  { name: `the injected ${GAIN_DB} dB`, re: /(?<![\w.])[-+]?5\.3(?![\d.])/g },
];

const positionMs = async (player: Locator) => Number(await player.getAttribute("data-position-ms"));

/** Switches to `clip` while playing and checks the switch kept the position and did not restart the sources. */
async function switchClip(p: Page, player: Locator, clip: string): Promise<void> {
  const button = player.getByRole("button", { name: new RegExp(`^${clip}\\b`) });
  await expect(player).toHaveAttribute("data-playing", "true");
  const starts = await player.getAttribute("data-starts");
  const before = await positionMs(player);
  await button.click();
  const after = await positionMs(player);
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await expect(player.locator(".ms-mcp__now")).toHaveText(`Now playing: ${clip}`);
  // Same position (it only moved on), and the sources were not started again: no restart, no gap.
  expect(after).toBeGreaterThanOrEqual(before);
  expect(after - before).toBeLessThan(1000);
  expect(await player.getAttribute("data-starts")).toBe(starts);
  await expect.poll(() => positionMs(player)).toBeGreaterThan(after + 250);
  expect(await player.getAttribute("data-starts")).toBe(starts);
}

/** Plays (and replays after the end) until the round no longer asks for the mix to be heard in full. */
async function hearMixInFull(p: Page, player: Locator): Promise<void> {
  const needMix = p.locator(".ms-rate__reasons", { hasText: "Play the mix all the way through" });
  await expect(player.getByRole("button", { name: "Mix", exact: true })).toHaveAttribute("aria-pressed", "true");
  for (let i = 0; i < 4 && (await needMix.count()) > 0; i++) {
    if ((await player.getAttribute("data-playing")) !== "true") await player.getByRole("button", { name: "Play Mix and stems" }).click();
    await p.waitForFunction(() => {
      const reasons = document.querySelector(".ms-rate__reasons")?.textContent ?? "";
      const playing = document.querySelector("[data-testid=multi-clip-player]")?.getAttribute("data-playing");
      return !reasons.includes("Play the mix all the way through") || playing === "false";
    });
  }
  await expect(needMix).toHaveCount(0);
}

/** The system behind the response shown at `position`, known from its advice text. */
async function systemAt(p: Page, position: string, segmentTexts: Map<string, TRatingSystemId>): Promise<TRatingSystemId> {
  const text = (await p.getByTestId(`response-${position}`).locator(".ms-rate__text").textContent())!.trim();
  const system = segmentTexts.get(text);
  expect(system, `response ${position} shows one of the imported advice texts`).toBeTruthy();
  return system!;
}

async function rateResponse(p: Page, position: string, entry: TEntry): Promise<void> {
  const card = p.getByTestId(`response-${position}`);
  await expect(card).toBeVisible();
  for (const id of ["effectiveness", "actionability", "conventions"] as const) {
    await card.getByRole("group", { name: CRITERION[id] }).getByRole("radio", { name: new RegExp(`^${entry.likert[id]}( |$)`) }).check();
  }
  await card.getByRole("group", { name: CRITERION.direction }).getByRole("radio", { name: OPTION_LABEL[entry.direction], exact: true }).check();
  await card.getByRole("group", { name: CRITERION.magnitude }).getByRole("radio", { name: OPTION_LABEL[entry.magnitude], exact: true }).check();
  await card.getByLabel(`Feedback on this advice (what is right or wrong about it?) for Response ${position}`).fill(entry.feedback);
}

/** Rates A, then (Next) B, then submits; returns the system each position showed. */
async function rateRound(p: Page, round: number, texts: Map<string, TRatingSystemId>): Promise<Record<string, TRatingSystemId>> {
  const shown: Record<string, TRatingSystemId> = {};
  const submit = p.getByRole("button", { name: "Submit ratings" });
  for (const [i, position] of ["A", "B"].entries()) {
    if (i > 0) await p.getByRole("button", { name: "Next response" }).click();
    shown[position] = await systemAt(p, position, texts);
    await rateResponse(p, position, ENTRIES[shown[position]][round - 1]);
    // Until the last response is rated, Submit says why it is disabled.
    if (i === 0) {
      await expect(submit).toBeDisabled();
      await expect(p.locator(".ms-rate__reasons")).toContainText("Response B: still to answer");
    }
  }
  expect(new Set(Object.values(shown)).size).toBe(2);
  await expect(submit).toBeEnabled();
  await submit.click();
  return shown;
}

test("a rater switches stems in sync, rates two responses per round, resumes after a reload; the rating tables count it exactly", async ({ browser, page }, testInfo) => {
  const title = unique("Rating flow");
  const pid = unique("PID-rating");

  // Researcher: a study from the Mixing Buddy template, items from stems, the two systems' advice, publish.
  await signIn(page, ALICE.email, ALICE.password);
  const studyId = await createStudyFromTemplate(page, title, "mixing-buddy-ratings");
  const fixture = await writeRatingFixture(testInfo.outputPath("rating"), { seconds: 2 * SEGMENT_SECONDS, segments: 2 });
  await page.getByRole("link", { name: "Items from stems and advice by item id" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Items from stems" })).toBeVisible();
  const stemsForm = page.getByTestId("stems-form");
  await stemsForm.locator('input[name="stems"]').setInputFiles(fixture.zipPath);
  await stemsForm.getByRole("textbox", { name: /^Anchor stem/ }).fill("bass");
  await stemsForm.getByRole("spinbutton", { name: /^Segment length/ }).fill(String(SEGMENT_SECONDS));
  await stemsForm.getByRole("spinbutton", { name: /^Gain error/ }).fill(String(GAIN_DB));
  await stemsForm.getByRole("button", { name: "Build items" }).click();
  await expect(stemsForm.getByRole("status")).toContainText("Created 2 items with 8 clips");
  const adviceForm = page.getByTestId("advice-form");
  await adviceForm.locator('input[name="advice"]').setInputFiles(fixture.advicePath);
  await adviceForm.getByRole("button", { name: "Attach advice" }).click();
  await expect(adviceForm.getByRole("status")).toHaveText("Attached 4 responses to 2 items.");
  await page.goto(`/studies/${studyId}`);
  const { slug } = await publish(page);

  const texts = new Map<string, TRatingSystemId>(fixture.itemIds.flatMap((_, i) => RATING_SYSTEMS.map((s) => [adviceText(i + 1, s.id), s.id] as [string, TRatingSystemId])));

  // Rater, in a browser context of their own, with everything the browser receives recorded.
  const raterContext = await browser.newContext();
  const p = await raterContext.newPage();
  const rec = recordEverything(p);
  const qs = new URLSearchParams({ PROLIFIC_PID: pid, STUDY_ID: "E2E-RATING", SESSION_ID: unique("SESSION-rating") });
  await p.goto(`/s/${slug}?${qs}`);
  await expect(p.getByRole("heading", { name: "Consent" })).toBeVisible();
  await rec.snapshot("consent");
  await p.getByLabel("I agree").check();
  await p.getByRole("button", { name: "Continue" }).click();
  await p.getByLabel("Intermediate", { exact: true }).check();
  await p.getByRole("button", { name: "Continue" }).click();
  await expect(p.getByRole("heading", { name: "Instructions" })).toBeVisible();
  await expect(p.getByRole("region", { name: "You will rate each response on" }).getByRole("listitem")).toHaveCount(5);
  await rec.snapshot("instructions");
  await p.getByRole("button", { name: "Start" }).click();
  await expect(p.locator("#ms-round-heading")).toHaveText("Round 1 of 2");

  // Round 1: the mix plays; switching to a stem and to the anchor keeps the position and does not restart.
  const player = p.getByTestId("multi-clip-player");
  const clipButtons = player.getByRole("group", { name: "Listen to:" }).getByRole("button");
  await expect(clipButtons).toHaveText(["Mix", "Bass (anchor)", "Drums", "Keys"]);
  const submit = p.getByRole("button", { name: "Submit ratings" });
  await expect(submit).toBeDisabled();
  await expect(p.locator(".ms-rate__reasons")).toContainText("Play the mix all the way through first");
  const audio = p.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/audio/"));
  await player.getByRole("button", { name: "Play Mix and stems" }).click();
  expect([200, 206]).toContain((await audio).status());
  await expect(player).toHaveAttribute("data-playing", "true");
  await expect.poll(() => positionMs(player)).toBeGreaterThan(1200);
  await switchClip(p, player, "Drums");
  await switchClip(p, player, "Bass");
  await switchClip(p, player, "Mix");
  await rec.snapshot("round 1 playing");
  await hearMixInFull(p, player);
  const round1 = await rateRound(p, 1, texts);

  // Round 2: note the order, reload, and the same round comes back with the same responses at A and B.
  await expect(p.locator("#ms-round-heading")).toHaveText("Round 2 of 2");
  const orderBefore = [await systemAt(p, "A", texts), await systemAt(p, "B", texts)];
  const stateBefore = await (await p.request.get(`/api/s/${slug}/state`)).json();
  await p.reload();
  await expect(p.locator("#ms-round-heading")).toHaveText("Round 2 of 2");
  await expect(p.getByRole("heading", { name: "Consent" })).toHaveCount(0);
  expect([await systemAt(p, "A", texts), await systemAt(p, "B", texts)]).toEqual(orderBefore);
  await rec.snapshot("round 2 after reload");

  // The API refuses a rating off the scale (400, naming the criterion) and stores nothing.
  const trialId = stateBefore.trial.trialId as string;
  const offScale = await p.request.post(`/api/s/${slug}/answer`, {
    data: {
      trialId,
      requestId: crypto.randomUUID(),
      answer: { ratings: Object.fromEntries(["A", "B"].map((pos) => [pos, { effectiveness: 6, actionability: 3, conventions: 3, direction: "raise", magnitude: "slight" }])) },
    },
  });
  expect(offScale.status()).toBe(400);
  expect((await offScale.json()).detail).toContain("effectiveness");
  const stateAfter = await (await p.request.get(`/api/s/${slug}/state`)).json();
  expect(stateAfter.step).toBe("trial");
  expect(stateAfter.trial.trialId).toBe(trialId);
  expect(stateAfter.progress.answered).toBe(1);

  await hearMixInFull(p, player);
  await p.route("https://app.prolific.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Prolific stub</title><p>Prolific stub</p>" }),
  );
  const round2 = await rateRound(p, 2, texts);
  expect([round2.A, round2.B]).toEqual(orderBefore);
  await expect(p.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();
  await expect(p.getByText("MIXBUDDY", { exact: true })).toBeVisible();
  const doneState = await p.request.get(`/api/s/${slug}/state`);
  rec.captured.push({ source: "GET state API", text: await doneState.text() });
  rec.captured.push({ source: "GET state API (round 2)", text: JSON.stringify(stateBefore) });

  // Blinding: no system id or label, and nothing of the ground truth, in anything the rater received.
  const { network, dom } = await rec.settle();
  const all = [...network, ...dom];
  const networkText = network.map((c) => c.text).join("\n");
  expect(networkText, "the scan saw the advice texts").toContain(adviceText(1, "baseline").slice(0, 40));
  expect(network.some((c) => c.source.includes("(document,")), "an HTML document was scanned").toBe(true);
  expect(network.some((c) => /\/api\/s\/[^/]+\/answer/.test(c.source) && c.source.startsWith("response body")), "answer responses were scanned").toBe(true);
  expect(all.some((c) => c.text.includes('"clips"')), "the clips were in what was scanned").toBe(true);
  expect(findLeaks([{ source: "control", text: "Mixing Buddy said; baseline; gain_db: -5.3" }], FORBIDDEN)).toHaveLength(4);
  expect(findLeaks(all, FORBIDDEN), "a system label or the ground truth reached the rater's browser").toEqual([]);
  await raterContext.close();

  // Researcher: the long CSV has one row per rated response, with what was entered.
  const get = async (query: string) => {
    const res = await page.request.get(`/api/studies/${studyId}/export?${query}`);
    expect(res.status(), query).toBe(200);
    return res.text();
  };
  const long = parseCsv(await get("table=judgments&format=csv"));
  expect(long).toHaveLength(4);
  for (const row of long) {
    const round = Number(row.round) as 1 | 2;
    const entry = ENTRIES[row.system as TRatingSystemId][round - 1];
    expect(row.system).toBe((round === 1 ? round1 : round2)[row.position]);
    expect(row.expertise).toBe("Intermediate");
    expect([row.effectiveness, row.actionability, row.conventions].map(Number)).toEqual([entry.likert.effectiveness, entry.likert.actionability, entry.likert.conventions]);
    expect([row.direction, row.magnitude]).toEqual([entry.direction, entry.magnitude]);
    expect(row.feedback).toBe(entry.feedback);
    expect(Math.abs(Number(row.truth_gain_db))).toBeCloseTo(GAIN_DB, 6);
    expect(row.listened_s_per_clip).toMatch(/Mix=\d+\.\d/);
  }

  // The rating table: n, mean, SD, median and counts per point, exactly as worked out above.
  const ratingsCsv = await get("table=ratings&format=csv");
  // (The header line itself: object keys would list "1".."5" first.)
  expect(ratingsCsv.split(/\r?\n/)[0]).toBe("System,Criterion,n,Mean,SD,Median,Mean 95% CI,1,2,3,4,5");
  const ratings = parseCsv(ratingsCsv);
  expect(ratings).toHaveLength(6);
  for (const [system, byCriterion] of Object.entries(EXPECTED_RATINGS)) {
    for (const [id, expected] of Object.entries(byCriterion)) {
      const row = ratings.find((r) => r.System === system && r.Criterion === TABLE_NAME[id as TLikertId]);
      expect(row, `${system} / ${id}`).toBeTruthy();
      expect(["n", "Mean", "SD", "Median", "1", "2", "3", "4", "5"].map((k) => row![k]), `${system} / ${id}`).toEqual(expected);
    }
  }
  const byExpertise = parseCsv(await get("table=ratings-expertise&format=csv"));
  for (const [system, byCriterion] of Object.entries(EXPECTED_RATINGS)) {
    const row = byExpertise.find((r) => r.Expertise === "Intermediate" && r.System === system && r.Criterion === TABLE_NAME.effectiveness)!;
    expect(["n", "Mean", "1", "2", "3", "4", "5"].map((k) => row[k])).toEqual([byCriterion.effectiveness[0], byCriterion.effectiveness[1], ...byCriterion.effectiveness.slice(4)]);
    expect(byExpertise.find((r) => r.Expertise === "Expert" && r.System === system && r.Criterion === TABLE_NAME.effectiveness)!.n).toBe("0");
  }

  const categorical = parseCsv(await get("table=categorical&format=csv"));
  for (const [system, byCriterion] of Object.entries(EXPECTED_CATEGORICAL)) {
    for (const [id, expected] of Object.entries(byCriterion)) {
      const rows = categorical.filter((r) => r.System === system && r.Criterion === TABLE_NAME[id as "direction" | "magnitude"]);
      expect(rows.map((r) => [r.Answer, r.Count, r["%"]]), `${system} / ${id}`).toEqual(expected);
    }
  }

  // Accuracy: magnitude from the fixed 5.3 dB; direction from each item's injected sign (in the long CSV).
  const accuracy = parseCsv(await get("table=accuracy&format=csv"));
  for (const s of RATING_SYSTEMS) {
    const mine = long.filter((r) => r.system === s.id);
    const correct = mine.filter((r) => r.direction === (Number(r.truth_gain_db) > 0 ? "lower" : "raise")).length;
    const direction = accuracy.find((r) => r.System === s.label && r.Measure.startsWith("Direction accuracy"))!;
    expect([direction.n, direction.Correct, direction["Accuracy (%)"]]).toEqual(["2", String(correct), (correct * 50).toFixed(1)]);
    const magnitude = accuracy.find((r) => r.System === s.label && r.Measure.startsWith("Magnitude accuracy"))!;
    expect([magnitude.n, magnitude.Correct, magnitude["Accuracy (%)"]]).toEqual(EXPECTED_MAGNITUDE[s.label]);
  }

  // The results page shows the table and draws its diverging Likert chart.
  await page.goto(`/studies/${studyId}/results`);
  const section = page.getByTestId("table-ratings");
  await expect(section.getByRole("row")).toHaveCount(7);
  await expect(section.getByRole("row", { name: /^Mixing Buddy Effectiveness/ })).toContainText("4.50");
  const chart = section.getByRole("figure", { name: "Ratings per system and criterion chart" });
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(chart.locator("figcaption")).toContainText("Mixing Buddy — Effectiveness: 0.0% low (1–2), 0.0% middle (3), 100.0% high (4–5).");
});

test("MixAssist F.4 coding: one response per round, three yes/no codes, the item's one clip; % yes counts exactly", async ({ browser, page }, testInfo) => {
  const codes = ["Does the response identify a specific audio issue?", "Does the response propose a concrete, actionable solution?", "Is the guidance correct?"];
  // Round by round, the three codes the rater gives: Specific issue 2 of 3 yes, Actionable solution 1 of 3, Correct guidance 0 of 3.
  const answers: ("Yes" | "No")[][] = [["Yes", "Yes", "No"], ["Yes", "No", "No"], ["No", "No", "No"]];

  await signIn(page, ALICE.email, ALICE.password);
  const studyId = await createStudyFromTemplate(page, unique("Coding flow"), "mixassist-coding");
  const imported = await importFixture(page, testInfo, 3);
  expect(imported.items).toBe(3);
  const { slug } = await publish(page);

  const raterContext = await browser.newContext();
  const p = await raterContext.newPage();
  const rec = recordEverything(p);
  await p.goto(`/s/${slug}?${new URLSearchParams({ PROLIFIC_PID: unique("PID-coding"), STUDY_ID: "E2E-CODING", SESSION_ID: unique("S") })}`);
  await p.getByLabel("I agree").check();
  await p.getByRole("button", { name: "Continue" }).click();
  await p.getByLabel("Expert", { exact: true }).check();
  await p.getByRole("button", { name: "Continue" }).click();
  await expect(p.getByRole("region", { name: "You will rate each response on" }).getByRole("listitem")).toHaveText(codes);
  await p.getByRole("button", { name: "Start" }).click();
  await p.route("https://app.prolific.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><p>Prolific stub</p>" }));

  for (const [i, round] of answers.entries()) {
    await expect(p.locator("#ms-round-heading")).toHaveText(`Round ${i + 1} of 3`);
    // One clip (the item's audio as "Mix"): no clip switcher, just the player; no listening rule in this template.
    const player = p.getByTestId("multi-clip-player");
    await expect(player.getByRole("group", { name: "Listen to:" })).toHaveCount(0);
    if (i === 0) {
      await player.getByRole("button", { name: "Play Audio clip" }).click();
      await expect(player).toHaveAttribute("data-playing", "true");
      await expect.poll(async () => Number(await player.getAttribute("data-position-ms"))).toBeGreaterThan(300);
      await player.getByRole("button", { name: "Pause Audio clip" }).click();
      await expect(player).toHaveAttribute("data-playing", "false");
    }
    // One system coded: a single response, no Previous/Next.
    await expect(p.getByRole("heading", { name: "Rate the response" })).toBeVisible();
    await expect(p.getByRole("button", { name: "Next response" })).toHaveCount(0);
    const card = p.getByTestId("response-A");
    const submit = p.getByRole("button", { name: "Submit ratings" });
    for (const [k, code] of codes.entries()) {
      await expect(submit).toBeDisabled();
      await card.getByRole("group", { name: code }).getByRole("radio", { name: round[k], exact: true }).check();
    }
    await submit.click();
  }
  await expect(p.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();
  const { network, dom } = await rec.settle();
  const forbidden: TForbidden[] = [...wholeWords(["qwen-ft"]), { name: "Qwen (fine-tuned)", re: /Qwen \(fine-tuned\)/g }];
  expect(findLeaks([...network, ...dom], forbidden)).toEqual([]);
  await raterContext.close();

  const res = await page.request.get(`/api/studies/${studyId}/export?table=binary&format=csv`);
  expect(res.status()).toBe(200);
  const binary = parseCsv(await res.text());
  expect(binary.map((r) => [r.System, r.Criterion, r.n, r.Yes, r["% Yes"]])).toEqual([
    ["Qwen (fine-tuned)", "Specific issue", "3", "2", "66.7"],
    ["Qwen (fine-tuned)", "Actionable solution", "3", "1", "33.3"],
    ["Qwen (fine-tuned)", "Correct guidance", "3", "0", "0.0"],
  ]);
});
