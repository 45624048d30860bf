// Blinding: nothing the participant's browser receives (HTML, RSC payloads, JS chunks, API JSON,
// headers, URLs) nor any DOM it renders names the systems behind Response A and B.
import { expect, test } from "@playwright/test";
import { findLeaks as findIn, recordEverything, type TCaptured, type TForbidden } from "./blinding-capture";
import { ANSWER_KEY, GENERATED_SYSTEM, REFERENCE_SYSTEM, expectRound, unique, type TAnswer } from "./helpers";

const DEMO_SLUG = "demo-pairwise";

// Whole-word, case-sensitive: "Expert" (an expertise option) and "expertise" are fine, "expert" is not.
const FORBIDDEN: TForbidden[] = [
  { name: GENERATED_SYSTEM, re: /(?<![\w-])qwen-ft(?![\w-])/g },
  { name: REFERENCE_SYSTEM, re: /\bexpert\b/g },
  { name: "generated_better", re: /\bgenerated_better\b/g },
  { name: "human_better", re: /\bhuman_better\b/g },
  { name: "system_a", re: /\bsystem_a\b/g },
  { name: "systemOrder", re: /\bsystemOrder\b/g },
];

const findLeaks = (corpus: readonly TCaptured[]) => findIn(corpus, FORBIDDEN);

test("the participant's browser never receives a system label", async ({ page }) => {
  const rec = recordEverything(page);
  const qs = new URLSearchParams({ PROLIFIC_PID: unique("PID-blind"), STUDY_ID: "E2E-BLIND", SESSION_ID: unique("SESSION-blind") });
  await page.goto(`/s/${DEMO_SLUG}?${qs}`);
  await expect(page.getByRole("heading", { name: "Consent" })).toBeVisible();
  await rec.snapshot("consent");
  await page.getByLabel("I agree").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "About you" })).toBeVisible();
  await rec.snapshot("profile");
  // The capitalised option is the one legitimate "Expert" on the page: choose it, so it is in the payloads too.
  await page.getByLabel("Expert", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Instructions" })).toBeVisible();
  await rec.snapshot("instructions");
  await page.getByRole("button", { name: "Start" }).click();
  await expectRound(page, 1);

  const responseA1 = (await page.getByRole("group", { name: "Response A" }).locator("p").textContent())!.trim();
  const responseB1 = (await page.getByRole("group", { name: "Response B" }).locator("p").textContent())!.trim();
  expect(responseA1.length).toBeGreaterThan(10);
  const audio = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/audio/"));
  await page.getByRole("button", { name: "Play Audio clip" }).click();
  expect([200, 206]).toContain((await audio).status());
  await rec.snapshot("round 1");

  const answers: TAnswer[] = ["A", "B", "both_good", "both_bad", "A", "B", "A", "B", "both_good", "A"];
  for (const [i, answer] of answers.entries()) {
    await expectRound(page, i + 1);
    if (i === 3) {
      // A reload renders the round on the server: its HTML and RSC payload are scanned too.
      await page.reload();
      await expectRound(page, 4);
    }
    await page.keyboard.press(ANSWER_KEY[answer]);
    if (i < answers.length - 1) {
      await expectRound(page, i + 2);
      await rec.snapshot(`round ${i + 2}`);
    }
  }
  await expect(page.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();
  await expect(page.getByText("DEMO-DONE", { exact: true })).toBeVisible();
  await rec.snapshot("done");
  // A fresh load of the finished session, and the state API as a script would call it.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();
  await rec.snapshot("done after reload");
  const stateRes = await page.request.get(`/api/s/${DEMO_SLUG}/state`);
  expect(stateRes.status()).toBe(200);
  rec.captured.push({ source: "GET state API", text: (await stateRes.text()) + JSON.stringify(stateRes.headers()) });

  const { network, dom } = await rec.settle();

  // The scan must have seen what the participant saw, else an empty capture would pass.
  const networkText = network.map((c) => c.text).join("\n");
  const probe = (s: string) => s.slice(0, 40);
  expect(networkText).toContain(JSON.stringify(probe(responseA1)).slice(1, -1));
  expect(networkText).toContain(JSON.stringify(probe(responseB1)).slice(1, -1));
  expect(dom.map((c) => c.text).join("\n")).toContain("Round 10 of 10");
  const bodies = network.filter((c) => c.source.startsWith("response body ("));
  expect(bodies.some((c) => c.source.includes("(document,")), "an HTML document was scanned").toBe(true);
  expect(bodies.filter((c) => c.source.includes("(script,")).length, "JS chunks were scanned").toBeGreaterThan(3);
  expect(bodies.some((c) => /\/api\/s\/demo-pairwise\/answer/.test(c.source)), "answer API responses were scanned").toBe(true);
  expect(bodies.some((c) => /\/api\/s\/demo-pairwise\/join/.test(c.source)), "the join API response was scanned").toBe(true);
  // The positive control for the word matcher: the legitimate option "Expert" is there, and "expertise" too.
  const all = [...network, ...dom];
  expect(all.some((c) => /\bExpert\b/.test(c.text))).toBe(true);
  expect(findLeaks([{ source: "control", text: "a qwen-ft reply; the expert said; generated_better" }])).toHaveLength(3);

  expect(findLeaks(all), "system labels reached the participant's browser").toEqual([]);
});
