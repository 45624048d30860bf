// Layout at phone and desktop widths: round 1 and the results page fit the viewport; screenshots
// land in test-results/screenshots/ for a human to look at.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ALICE, ANSWER_LABEL, answerRounds, createStudyFromTemplate, importFixture, publish, signIn, startParticipant, unique, type TAnswer } from "./helpers";

const SHOTS = path.resolve(__dirname, "..", "test-results", "screenshots");
const VIEWPORTS = [
  { name: "phone", width: 375, height: 812 },
  { name: "desktop", width: 1280, height: 900 },
] as const;

async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "page is wider than the viewport").toBeLessThanOrEqual(innerWidth);
}

async function expectAnswerButtonsFit(page: Page) {
  const width = page.viewportSize()!.width;
  for (const label of Object.values(ANSWER_LABEL)) {
    const button = page.getByRole("button", { name: label, exact: true });
    await expect(button).toBeVisible();
    const box = (await button.boundingBox())!;
    expect(box.x, label).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, label).toBeLessThanOrEqual(width);
    // Comfortable touch targets.
    expect(box.height, label).toBeGreaterThanOrEqual(40);
  }
}

for (const vp of VIEWPORTS) {
  test(`round 1 of the demo study fits a ${vp.name} screen (${vp.width}×${vp.height})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    const page = await context.newPage();
    await startParticipant(page, "demo-pairwise", { pid: unique(`PID-shot-${vp.name}`), expertise: "Amateur" });
    await expect(page.getByRole("group", { name: "Response A" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Response B" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Play Audio clip" })).toBeVisible();
    await expectAnswerButtonsFit(page);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: path.join(SHOTS, `round-${vp.name}.png`), fullPage: true });
    await context.close();
  });
}

test("the results page after a finished participant fits a desktop screen", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, ALICE.email, ALICE.password);
  const studyId = await createStudyFromTemplate(page, unique("Screenshot study"));
  await importFixture(page, testInfo, 10);
  const { slug } = await publish(page);
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: path.join(SHOTS, "study-desktop.png"), fullPage: true });

  const participant = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const p = await participant.newPage();
  await p.route("https://app.prolific.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>Prolific stub</p>" }));
  await startParticipant(p, slug, { pid: unique("PID-shot-results"), expertise: "Expert" });
  const answers: TAnswer[] = ["A", "A", "B", "both_good", "both_bad", "A", "B", "B", "A", "both_good"];
  await answerRounds(p, answers);
  await expectNoHorizontalOverflow(p);
  await participant.close();

  // Recharts skips its grow-in animation under reduced motion, so the screenshot shows the final bars.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByTestId("table-3").getByRole("columnheader", { name: "Count (N=10)" })).toBeVisible();
  await expect(page.getByTestId("table-11").getByRole("row", { name: /^Expert 1 / })).toBeVisible();
  await expect(page.getByTestId("table-3").getByRole("figure")).toBeVisible();
  await expect(page.getByTestId("table-3").getByRole("figure").locator("svg").first()).toBeVisible();
  // The chart draws the table's counts: bar heights are proportional to the Count column.
  const counts = (await page.getByTestId("table-3").locator("tbody tr td:nth-child(2)").allTextContents()).map(Number);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
  const bars = page.getByTestId("table-3").getByRole("figure").locator(".recharts-bar-rectangle");
  await expect(bars.first()).toBeVisible();
  const heights = await bars.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
  // Recharts may leave out the rectangle of a zero count.
  const drawn = heights.length === counts.length ? counts : counts.filter((c) => c > 0);
  expect(heights).toHaveLength(drawn.length);
  const max = Math.max(...counts);
  const tallest = Math.max(...heights);
  const expected = drawn.map((c) => (c / max) * tallest);
  heights.forEach((h, i) => expect(Math.abs(h - expected[i]), `bar ${i}`).toBeLessThan(2));
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: path.join(SHOTS, "results-desktop.png"), fullPage: true });
  await context.close();
});
