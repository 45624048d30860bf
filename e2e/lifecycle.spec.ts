// A study's life cycle in the browser: sharing as viewer (reads, cannot edit — UI and API), as editor of a live study
// (an edit is configuration v2, traced through the config export and the long CSV), the audit log, closing, duplicating,
// and the progress page at phone and desktop widths.
import fs from "node:fs";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { E2E_BASE_URL } from "./base-url";
import { ALICE, BOB, answerRound, createStudyFromTemplate, importFixture, parseCsv, publish, signIn, startParticipant, unique } from "./helpers";

const SHOTS = "/work/shots";

async function researcherPage(browser: Browser, who: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who.email, who.password);
  return { context, page };
}

interface TConfigExport {
  currentVersion: number;
  versions: { version: number; configHash: string; config: { texts: { instructions: string } }; current: boolean }[];
}

test("share as viewer, then editor of a live study: version 2 is traced through exports and the audit log", async ({ browser, playwright }, testInfo) => {
  const alice = await researcherPage(browser, ALICE);
  const title = unique("Lifecycle study");
  const studyId = await createStudyFromTemplate(alice.page, title);
  await importFixture(alice.page, testInfo, 10);
  const { slug } = await publish(alice.page);
  await expect(alice.page.getByTestId("config-version")).toContainText("Configuration v1");

  // A participant answers round 1 under version 1.
  const participantContext = await browser.newContext();
  const participant = await participantContext.newPage();
  const pid = unique("PID-life");
  await startParticipant(participant, slug, { pid });
  await answerRound(participant, 1, "A");

  // Not shared yet: Bob sees nothing of it.
  const bob = await researcherPage(browser, BOB);
  expect((await bob.page.request.get(`/api/studies/${studyId}`)).status()).toBe(404);
  expect((await bob.page.goto(`/studies/${studyId}`))?.status()).toBe(404);

  // Alice shares it with Bob as viewer.
  await alice.page.reload();
  await alice.page.getByLabel("Researcher's email").fill(BOB.email);
  await alice.page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await alice.page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(alice.page.getByText(`Shared with ${BOB.email} as viewer.`)).toBeVisible();
  await expect(alice.page.getByTestId(`share-${BOB.email}`)).toBeVisible();

  // Bob, viewer: the study is in his list with its badge, and he can read the study and its results …
  await bob.page.goto("/studies");
  const row = bob.page.getByRole("row", { name: new RegExp(title) });
  await expect(row.getByText("viewer", { exact: true })).toBeVisible();
  await expect(row.getByText(`shared by ${ALICE.email}`)).toBeVisible();
  await row.getByRole("link", { name: title }).click();
  await expect(bob.page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(bob.page.getByTestId("shared-role")).toContainText("viewer");
  // … but every edit control is absent or disabled …
  await expect(bob.page.getByLabel("Title", { exact: true })).toBeDisabled();
  await expect(bob.page.getByLabel("Instructions")).toBeDisabled();
  await expect(bob.page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expect(bob.page.getByRole("button", { name: "Close study" })).toHaveCount(0);
  await expect(bob.page.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
  await bob.page.getByRole("link", { name: "Results and exports" }).click();
  await expect(bob.page.getByRole("heading", { name: "Results" })).toBeVisible();
  await expect(bob.page.getByTestId("results-config")).toContainText("Configuration v1");
  // … and the API refuses his edits with a 403 that says why, changing nothing.
  const asBob = (await (await bob.page.request.get(`/api/studies/${studyId}`)).json()) as { role: string; config: Record<string, unknown> };
  expect(asBob.role).toBe("viewer");
  const patch = await bob.page.request.patch(`/api/studies/${studyId}`, { data: { config: { ...asBob.config, title: "Changed by a viewer" } } });
  expect(patch.status()).toBe(403);
  expect(((await patch.json()) as { detail: string }).detail).toMatch(/ask its owner to make you an editor/);
  expect((await bob.page.request.post(`/api/studies/${studyId}/close`, { data: {} })).status()).toBe(403);
  expect((await bob.page.request.post(`/api/studies/${studyId}/shares`, { data: { email: ALICE.email, role: "editor" } })).status()).toBe(403);
  expect(((await (await alice.page.request.get(`/api/studies/${studyId}`)).json()) as { title: string; version: number })).toMatchObject({ title, version: 1 });

  // Alice makes Bob an editor.
  await alice.page.getByLabel(`Role of ${BOB.email}`).selectOption("editor");
  await expect(alice.page.getByText(`${BOB.email} is now editor.`)).toBeVisible();

  // Bob edits the live study's instructions: configuration v2.
  await bob.page.goto(`/studies/${studyId}`);
  await expect(bob.page.getByTestId("shared-role")).toContainText("editor");
  const newInstructions = "Listen to the clip twice before you judge. (v2)";
  await bob.page.getByLabel("Instructions").fill(newInstructions);
  await bob.page.getByRole("button", { name: "Save settings" }).click();
  await expect(bob.page.getByText("Settings saved.")).toBeVisible();
  await expect(bob.page.getByTestId("config-version")).toContainText("Configuration v2");
  // Sharing stays the owner's: an editor is refused too.
  expect((await bob.page.request.post(`/api/studies/${studyId}/shares`, { data: { email: ALICE.email, role: "viewer" } })).status()).toBe(403);

  // The participant's next answer is given under version 2.
  await answerRound(participant, 2, "B");

  // The config export lists v1 and v2 with different hashes.
  const configRes = await bob.page.request.get(`/api/studies/${studyId}/export?table=config&format=json`);
  expect(configRes.status()).toBe(200);
  const exported = (await configRes.json()) as TConfigExport;
  expect(exported.currentVersion).toBe(2);
  expect(exported.versions.map((v) => v.version)).toEqual([1, 2]);
  const [v1, v2] = exported.versions;
  expect(v1.configHash).toMatch(/^[0-9a-f]{64}$/);
  expect(v2.configHash).toMatch(/^[0-9a-f]{64}$/);
  expect(v1.configHash).not.toBe(v2.configHash);
  expect(v2.config.texts.instructions).toBe(newInstructions);
  expect(v1.config.texts.instructions).not.toBe(newInstructions);
  await expect(bob.page.getByTestId("config-version")).toContainText(v2.configHash.slice(0, 8));

  // The long CSV: the answer before the edit carries v1 and its hash, the one after v2.
  const csv = await bob.page.request.get(`/api/studies/${studyId}/export?table=judgments&format=csv`);
  const rows = parseCsv(await csv.text()).filter((r) => r.prolific_pid === pid).sort((a, b) => Number(a.round) - Number(b.round));
  expect(rows.map((r) => [r.round, r.config_version, r.config_hash])).toEqual([["1", "1", v1.configHash], ["2", "2", v2.configHash]]);
  expect(rows[0].prolific_study_id).toBe("E2E-STUDY");
  expect(rows[0].prolific_session_id).not.toBe("");
  // A table export names the configuration too.
  const md = await (await bob.page.request.get(`/api/studies/${studyId}/export?table=3&format=md`)).text();
  expect(md).toContain(`Configuration v2, sha256 ${v2.configHash}; judgments given under versions 1, 2.`);

  // The audit log on the study page shows who did what.
  await alice.page.goto(`/studies/${studyId}`);
  const log = alice.page.getByTestId("audit-log");
  for (const text of [
    "created the study",
    "imported 10 items",
    "published it (configuration v1)",
    `shared it with ${BOB.email} as viewer`,
    `changed ${BOB.email} from viewer to editor`,
    "edited the settings: configuration v2",
    "exported the configuration (JSON)",
    "exported every judgment (CSV)",
    "exported table 3 (MD)",
  ]) await expect(log.getByText(text, { exact: false }).first(), text).toBeVisible();
  await expect(log.locator('li[data-action="edited"]').filter({ hasText: "configuration v2" })).toContainText(BOB.email);

  // The progress page, at phone and desktop widths.
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [width, height] of [[375, 812], [1280, 900]] as const) {
    await alice.page.setViewportSize({ width, height });
    await alice.page.goto(`/studies/${studyId}/progress`);
    await expect(alice.page.getByRole("heading", { name: "Progress", level: 1 })).toBeVisible();
    await expect(alice.page.getByTestId("status-counts")).toContainText("Active");
    await expect(alice.page.getByTestId("median-times")).toContainText("Round 2");
    await expect(alice.page.getByTestId("coverage").locator("tbody tr")).toHaveCount(10);
    await alice.page.screenshot({ path: `${SHOTS}/life-progress-${width}.png`, fullPage: true });
    const overflow = await alice.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `progress page wider than ${width} px`).toBeLessThanOrEqual(0);
    await alice.page.goto(`/studies/${studyId}`);
    await alice.page.screenshot({ path: `${SHOTS}/life-study-${width}.png`, fullPage: true });
  }
  await alice.page.setViewportSize({ width: 1280, height: 900 });

  // Bob (editor) closes the study: participants are turned away, nothing more is stored; results stay readable.
  await bob.page.goto(`/studies/${studyId}`);
  bob.page.once("dialog", (d) => void d.accept());
  await bob.page.getByRole("button", { name: "Close study" }).click();
  await expect(bob.page.locator(".ms-status-closed").first()).toBeVisible();
  await participant.goto(`/s/${slug}`);
  await expect(participant.getByRole("heading", { name: "This study is closed" })).toBeVisible();
  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const join = await api.post(`/api/s/${slug}/join`, { data: { prolificPid: unique("PID-late") } });
  expect(join.status()).toBe(410);
  expect(((await join.json()) as { detail: string }).detail).toMatch(/closed/);
  const after = parseCsv(await (await bob.page.request.get(`/api/studies/${studyId}/export?table=judgments&format=csv`)).text());
  expect(after.filter((r) => r.prolific_pid === pid)).toHaveLength(2);

  // Bob duplicates it: a draft of his own with the items, no answers.
  await bob.page.getByRole("button", { name: "Duplicate" }).click();
  await expect(bob.page.getByRole("heading", { level: 1 })).toHaveText(`${title} (copy)`);
  await expect(bob.page.locator(".ms-status-draft").first()).toBeVisible();
  await expect(bob.page.getByTestId("progress")).toContainText("0 of 10");
  await expect(bob.page.getByTestId("shared-role")).toHaveCount(0);

  await Promise.all([api.dispose(), participantContext.close(), alice.context.close(), bob.context.close()]);
});
