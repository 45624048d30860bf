// Script injection is inert everywhere text from outside is shown: study title, consent and instructions, listwise
// criteria, imported dialogue and candidate responses, a participant's chat message and the model's reply — on the
// participant pages and on the researcher's study, results, progress and transcripts pages. A redirectUrl that is
// not http(s) is refused.
import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { startFakeOpenAI, type TFakeOpenAI } from "../lib/testing/fake-openai";
import { bodyOf, createStudy, FAKE_KEY, importFiles, json, patchConfig, publishStudy, researcherContext } from "./attack-world";
import { assistantTurns, uploadClip, writeWavFixture } from "./chat-helpers";
import { writeMixAssistFixture } from "./fixtures/make-fixtures";
import { ALICE, answerRound, expectRound, signIn, unique } from "./helpers";
import { writeJudgeCsvFixture } from "./listwise-helpers";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

const IMG = `<img src=x onerror="window.__xss=1">`;
const SCRIPT = `<script>window.__xss=1</script>`;
const JS_LINK = `[click me](javascript:window.__xss=1) <a href="javascript:window.__xss=1">link</a>`;
const PAYLOAD = `${IMG} ${SCRIPT} ${JS_LINK}`;

let fake: TFakeOpenAI;
test.beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: FAKE_KEY, script: () => ({ stream: ["Try this: ", IMG, " and ", SCRIPT, " ", JS_LINK] }) });
});
test.afterAll(async () => {
  await fake?.close();
});

/** Watches a page for any sign that injected code ran. */
function guard(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return {
    async check(where: string, visible: string[] = []) {
      await page.waitForLoadState("networkidle");
      for (const text of visible) await expect(page.getByText(text, { exact: false }).first(), `${where}: "${text}" shown as text`).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `${where}: injected script ran`).toBeUndefined();
      expect(dialogs, `${where}: a dialog opened`).toEqual([]);
      expect(await page.locator('img[src="x"]').count(), `${where}: an injected <img> element`).toBe(0);
      expect(await page.locator('a[href^="javascript:" i]').count(), `${where}: a javascript: link`).toBe(0);
      expect(await page.locator("script").evaluateAll((ss) => ss.filter((s) => !(s as HTMLScriptElement).src && s.textContent?.trim() === "window.__xss=1").length), `${where}: an injected <script>`).toBe(0);
    },
  };
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const [w, h] of [[1280, 900], [375, 900]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: test.info().outputPath(`${name}-${w}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("completion.redirectUrl refuses javascript:, data: and other non-http URLs", async () => {
  const alice = await researcherContext(ALICE);
  const { id } = await createStudy(alice, "mixassist-pairwise", unique("XSS-redirect"));
  const study = (await (await alice.get(`/api/studies/${id}`)).json()) as { config: Record<string, unknown> & { completion: Record<string, unknown> } };
  for (const url of ["javascript:window.__xss=1", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x"]) {
    const res = await alice.patch(`/api/studies/${id}`, json({ config: { ...study.config, completion: { ...study.config.completion, redirectUrl: url } } }));
    const text = await bodyOf(res, `redirectUrl ${url}`);
    expect(res.status(), `${url}: ${text}`).toBe(400);
    expect(text).toContain("completion.redirectUrl");
  }
  const after = (await (await alice.get(`/api/studies/${id}`)).json()) as { config: { completion: { redirectUrl: string } } };
  expect(after.config.completion.redirectUrl).toBe(study.config.completion.redirectUrl);
  await alice.dispose();
});

test("pairwise and listwise: payloads in title, consent, instructions, criteria, dialogue and responses stay text", async ({ browser, page }, testInfo) => {
  const alice = await researcherContext(ALICE);
  const tag = unique("XSS");
  // Pairwise: study texts and imported dialogue/responses carry the payloads.
  const { id } = await createStudy(alice, "mixassist-pairwise", `${tag} ${IMG}`);
  await patchConfig(alice, id, (c) => ({
    ...c,
    texts: { ...(c.texts as object), consent: `Consent ${PAYLOAD}`, instructions: `Instructions ${PAYLOAD}` },
    completion: { ...(c.completion as object), code: "XSS-DONE", redirectUrl: null },
  }));
  const f = await writeMixAssistFixture(testInfo.outputPath("fx"), { items: 10, seconds: 1 });
  const rows = (await readFile(f.rowsPath, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { user: string; assistant: string; input_history: { content: string }[] });
  for (const r of rows) {
    r.user = `Utterance ${IMG} ${SCRIPT}`;
    r.assistant = `Expert ${PAYLOAD}`;
    for (const h of r.input_history) h.content = `History ${IMG}`;
  }
  await writeFile(f.rowsPath, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const outputs = (await readFile(f.outputsPath, "utf8")).trim().split("\n").map((l) => ({ ...(JSON.parse(l) as object), generation: `Generated ${PAYLOAD}` }));
  await writeFile(f.outputsPath, outputs.map((o) => JSON.stringify(o)).join("\n") + "\n");
  const imp = await importFiles(alice, id, { rows: f.rowsPath, outputs: f.outputsPath, audio: f.zipPath });
  expect(imp.status(), await imp.text()).toBe(200);
  const slug = await publishStudy(alice, id);

  // Listwise: the criteria carry the payload.
  const { id: lwId } = await createStudy(alice, "mixassist-listwise", `${tag}-lw ${SCRIPT}`);
  await patchConfig(alice, lwId, (c) => ({ ...c, criteria: (c.criteria as string[]).map((x, i) => `Criterion ${i} ${IMG} ${x}`) }));
  const lw = await writeJudgeCsvFixture(testInfo.outputPath("lw"), 3, 5);
  const lwImp = await importFiles(alice, lwId, { rows: lw.csvPath, audio: lw.zipPath });
  expect(lwImp.status(), await lwImp.text()).toBe(200);
  const lwSlug = await publishStudy(alice, lwId);
  await alice.dispose();

  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const g = guard(p);
  await p.goto(`/s/${slug}?PROLIFIC_PID=${unique("XSSPID")}&STUDY_ID=X&SESSION_ID=${unique("S")}`);
  await expect(p.getByRole("heading", { name: "Consent" })).toBeVisible();
  await g.check("consent", ["Consent <img src=x", "<script>window.__xss=1</script>", "javascript:window.__xss=1"]);
  await p.getByLabel("I agree").check();
  await p.getByRole("button", { name: "Continue" }).click();
  await p.getByLabel("Expert", { exact: true }).check();
  await p.getByRole("button", { name: "Continue" }).click();
  await expect(p.getByRole("heading", { name: "Instructions" })).toBeVisible();
  await g.check("instructions", ["Instructions <img src=x"]);
  await p.getByRole("button", { name: "Start" }).click();
  await expectRound(p, 1);
  await g.check("round 1", ["Utterance <img src=x", "<script>window.__xss=1</script>"]);
  await shoot(p, "xss-round");
  await expect(p.getByText(/Generated <img src=x|Expert <img src=x/).first()).toBeVisible();
  await answerRound(p, 1, "A");
  await g.check("round 2");

  const lp = await ctx.newPage();
  const lg = guard(lp);
  await lp.goto(`/s/${lwSlug}?PROLIFIC_PID=${unique("XSSPID")}&STUDY_ID=X&SESSION_ID=${unique("S")}`);
  await lp.getByLabel("I agree").check();
  await lp.getByRole("button", { name: "Continue" }).click();
  await lp.getByLabel("Expert", { exact: true }).check();
  await lp.getByRole("button", { name: "Continue" }).click();
  await expect(lp.getByRole("heading", { name: "Instructions" })).toBeVisible();
  await lg.check("listwise instructions", ["Criterion 0 <img src=x"]);
  await ctx.close();

  // The researcher's pages.
  const rg = guard(page);
  await signIn(page, ALICE.email, ALICE.password);
  await rg.check("studies list", [`${tag} <img src=x`]);
  for (const sub of ["", "/progress", "/results"]) {
    await page.goto(`/studies/${id}${sub}`);
    await rg.check(`pairwise study${sub}`, [`${tag} <img src=x`]);
  }
  await page.goto(`/studies/${id}`);
  // The settings form holds the texts as editable values, unchanged.
  expect(await page.locator("textarea").evaluateAll((ts) => ts.some((t) => (t as HTMLTextAreaElement).value.startsWith("Consent <img src=x")))).toBe(true);
  for (const sub of ["", "/judge"]) {
    await page.goto(`/studies/${lwId}${sub}`);
    await rg.check(`listwise study${sub}`);
  }
});

test("chat: a participant's message and a model reply carrying payloads stay text, for the participant and in transcripts", async ({ browser, page }, testInfo) => {
  const alice = await researcherContext(ALICE);
  const tag = unique("XSS-chat");
  const { id } = await createStudy(alice, "mixassist-live-chat", `${tag} ${IMG}`);
  await patchConfig(alice, id, (c) => ({
    ...c,
    assistant: { ...(c.assistant as object), backend: "openai-text", baseUrl: fake.url, model: "fake-xss-model", apiKeyEnv: "E2E_FAKE_API_KEY" },
  }));
  const slug = await publishStudy(alice, id);
  await alice.dispose();

  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const g = guard(p);
  await p.goto(`/s/${slug}?PROLIFIC_PID=${unique("XSSPID")}&STUDY_ID=X&SESSION_ID=${unique("S")}`);
  await p.getByLabel("I agree").check();
  await p.getByRole("button", { name: "Continue" }).click();
  await p.getByLabel("Expert", { exact: true }).check();
  await p.getByRole("button", { name: "Continue" }).click();
  await p.getByRole("button", { name: "Start" }).click();
  await uploadClip(p, await writeWavFixture(testInfo.outputPath("mix.wav"), { seconds: 4 }));
  await p.getByLabel("Your message").fill(`Message ${PAYLOAD}`);
  await p.getByRole("button", { name: "Send", exact: true }).click();
  await expect(assistantTurns(p).first()).toHaveAttribute("data-status", "complete");
  await g.check("chat, streamed reply", ["Message <img src=x", "Try this: <img src=x", "<script>window.__xss=1</script>"]);
  await p.reload();
  await g.check("chat, reloaded", ["Message <img src=x", "Try this: <img src=x"]);
  expect(fake.requests.filter((r) => r.path === "/v1/chat/completions").length).toBeGreaterThanOrEqual(1);
  await ctx.close();

  const rg = guard(page);
  await signIn(page, ALICE.email, ALICE.password);
  await page.goto(`/studies/${id}/transcripts`);
  await rg.check("transcripts", ["Try this: <img src=x"]);
  await shoot(page, "xss-transcripts");
  for (const sub of ["", "/progress", "/results"]) {
    await page.goto(`/studies/${id}${sub}`);
    await rg.check(`chat study${sub}`, [`${tag} <img src=x`]);
  }
});
