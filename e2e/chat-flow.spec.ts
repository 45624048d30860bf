// The chat study end to end: a participant uploads a clip, sees its facts, chats (built-in assistant, then a fake
// OpenAI-compatible audio endpoint), reloads mid-chat, answers the survey; the researcher's Table 12 counts it;
// nothing that names the back end, model, endpoint or key reaches the participant's browser.
import { expect, test, type Page } from "@playwright/test";
import { startFakeOpenAI, type TFakeOpenAI } from "../lib/testing/fake-openai";
import { findLeaks, recordEverything, wholeWords, type TForbidden } from "./blinding-capture";
import { answerSurvey, assistantTurns, exchange, startChatParticipant, uploadClip, writeWavFixture } from "./chat-helpers";
import { ALICE, createStudyFromTemplate, publish, signIn, unique } from "./helpers";

const FAKE_KEY = process.env.E2E_FAKE_API_KEY ?? "e2e-fake-key-7f3a";

async function tableRows(page: Page, id: string): Promise<string[][]> {
  const rows = page.getByTestId(`table-${id}`).locator("tbody tr");
  return rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")));
}

async function shoot(page: Page, name: string) {
  for (const [w, h] of [[1280, 900], [375, 900]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: test.info().outputPath(`${name}-${w}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("built-in assistant: upload, facts, three messages with a reload, survey, Table 12, blinding", async ({ browser, page }, testInfo) => {
  await signIn(page, ALICE.email, ALICE.password);
  const studyId = await createStudyFromTemplate(page, unique("Chat builtin"), "mixassist-live-chat");
  const { slug } = await publish(page);

  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const rec = recordEverything(p);
  await startChatParticipant(p, slug, "Expert");
  await shoot(p, "chat-clip-picker");
  // A file that is not audio gets a clear message and nothing changes.
  const bad = testInfo.outputPath("notes.wav");
  await (await import("node:fs/promises")).writeFile(bad, "these are my notes, not audio");
  await p.locator('input[type=file][name="file"]').setInputFiles(bad);
  await p.getByRole("button", { name: "Upload clip" }).click();
  await expect(p.locator(".ms-error[role=alert]")).toContainText("not audio we can read");

  await uploadClip(p, await writeWavFixture(testInfo.outputPath("mix.wav"), { seconds: 12 }));
  await expect(p.getByText("Measured audio facts")).toBeVisible();
  await expect(p.getByText(/LUFS/).first()).toBeVisible();
  await expect(p.getByRole("timer", { name: "Time left to chat" })).toContainText(/[45]:\d\d/);
  await expect(p.getByTestId("listening-window")).toHaveCount(0); // the built-in assistant hears no audio window

  const r1 = await exchange(p, "How is the overall loudness of my mix?", 1);
  expect(r1.length).toBeGreaterThan(20);
  await exchange(p, "What would you change in the low end?", 2);
  await shoot(p, "chat-mid-conversation");
  await rec.snapshot("mid chat");
  await p.reload();
  await expect(p.getByRole("heading", { name: "Chat with the assistant" })).toBeVisible();
  await expect(assistantTurns(p)).toHaveCount(2);
  await expect(p.locator(".ms-chat__turn--user")).toHaveCount(2);
  await exchange(p, "And the stereo image?", 3);
  await rec.snapshot("after three");
  await p.getByRole("button", { name: "I'm done chatting" }).click();
  await answerSurvey(p, { naturalness: "Somewhat natural", contribution: "Slightly more", novelty: "Definitely", insights: "It read my loudness right." });
  await rec.snapshot("done");
  const state = await p.request.get(`/api/s/${slug}/state`);
  rec.captured.push({ source: "GET state", text: await state.text() });

  await page.goto(`/studies/${studyId}/results`);
  expect(await tableRows(page, "12a")).toEqual([
    ["Very natural", "0", "0.0", "0.0–79.3"],
    ["Somewhat natural", "1", "100.0", "20.7–100.0"],
    ["Somewhat unnatural", "0", "0.0", "0.0–79.3"],
    ["Very unnatural", "0", "0.0", "0.0–79.3"],
  ]);
  expect((await tableRows(page, "12b"))[0]).toEqual(["Definitely", "1", "100.0", "20.7–100.0"]);
  expect((await tableRows(page, "13"))[1].slice(0, 2)).toEqual(["Slightly more", "1"]);
  expect((await tableRows(page, "12a-expertise"))[2]).toEqual(["Expert", "1", "0 (0.0%)", "1 (100.0%)", "0 (0.0%)", "0 (0.0%)"]);
  const transcripts = await page.request.get(`/api/studies/${studyId}/export?table=transcripts`);
  const line = JSON.parse((await transcripts.text()).trim());
  expect(line.turns).toHaveLength(6);
  expect(line.turns[1]).toMatchObject({ role: "assistant", status: "complete", backend: "builtin", model: "builtin-rules" });
  expect(line.survey).toMatchObject({ naturalness: "somewhat_natural", novelty: "definitely" });
  await shoot(page, "chat-results");
  await page.goto(`/studies/${studyId}/transcripts`);
  await expect(page.getByTestId("transcript")).toHaveCount(1);
  await expect(page.getByTestId("transcript")).toContainText("built-in baseline");
  await expect(page.getByTestId("transcript")).toContainText("How is the overall loudness of my mix?");
  await shoot(page, "chat-transcripts");
  await page.goto(`/studies/${studyId}`);
  await shoot(page, "chat-settings");

  const { network, dom } = await rec.settle();
  const all = [...network, ...dom];
  expect(all.map((c) => c.text).join("\n")).toContain(r1.slice(0, 30)); // the scan saw the replies
  // The baseline is labelled as such in the researcher's UI only: the participant is not told which
  // assistant they talk to, nor its back end, model or prompt version.
  const forbidden: TForbidden[] = wholeWords(["builtin-rules", "openai-text", "openai-audio", "promptVersion", "backend", "baseline", "rule-based"]);
  expect(findLeaks(all, forbidden), "the back end reached the participant's browser").toEqual([]);
  await ctx.close();
});

test.describe("fake OpenAI-compatible audio endpoint", () => {
  let fake: TFakeOpenAI;
  let failedOnce = false;
  test.beforeAll(async () => {
    fake = await startFakeOpenAI({
      apiKey: FAKE_KEY,
      script: (req, i) => {
        const messages = (req.body as { messages: { role: string; content: unknown }[] }).messages;
        const last = JSON.stringify(messages.at(-1)?.content ?? "");
        // "slowly" makes a reply slow enough to be stopped mid-way; a 503 once shows the failure and Retry.
        if (last.includes("slowly") && !messages.some((m) => m.role === "assistant" && JSON.stringify(m.content).includes("Slow"))) {
          return { stream: ["Slow reply: ", "first part, ", "second part, ", "third part."], chunkDelayMs: 4000 };
        }
        if (last.includes("fail once") && !failedOnce) {
          failedOnce = true;
          return { status: 503 };
        }
        return { stream: [`Reply ${i + 1}: `, "pull the snare ", "down 2 dB and ", "add a little air."], chunkDelayMs: 20 };
      },
    });
  });
  test.afterAll(async () => {
    await fake?.close();
  });

  test("three messages with the window chosen, reload, survey, blinding of endpoint, model and key", async ({ browser, page }, testInfo) => {
    await signIn(page, ALICE.email, ALICE.password);
    const studyId = await createStudyFromTemplate(page, unique("Chat fake"), "mixassist-live-chat");
    await page.getByLabel("Back end").selectOption("openai-audio");
    await page.getByLabel(/^Base URL/).fill(fake.url);
    await page.getByLabel(/^Model/).fill("fake-audio-model");
    await page.getByLabel(/API key environment variable NAME/).fill("E2E_FAKE_API_KEY");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    const { slug } = await publish(page);

    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const rec = recordEverything(p);
    await startChatParticipant(p, slug, "Amateur");
    await uploadClip(p, await writeWavFixture(testInfo.outputPath("long-mix.wav"), { seconds: 40, seed: 5 }));
    const windowText = p.getByTestId("listening-window");
    await expect(windowText).toHaveText("The assistant hears 0:00–0:30 of your clip.");
    const slider = p.getByLabel(/Move the window/);
    await slider.focus();
    await p.keyboard.press("End");
    await expect(windowText).toHaveText("The assistant hears 0:10–0:40 of your clip.");
    await p.reload();
    await expect(windowText).toHaveText("The assistant hears 0:10–0:40 of your clip.");

    expect(await exchange(p, "Is my snare too loud?", 1)).toBe("Reply 1: pull the snare down 2 dB and add a little air.");
    await expect(slider).toHaveCount(0); // the window is fixed once the chat started
    await exchange(p, "What about the vocals?", 2);
    await shoot(p, "chat-audio-endpoint");
    await p.reload();
    await expect(assistantTurns(p)).toHaveCount(2);
    await exchange(p, "Thanks, anything else?", 3);

    // Stop a slow reply: the text so far stays, marked stopped; Retry asks again.
    await p.getByLabel("Your message").fill("Explain it slowly please");
    await p.getByRole("button", { name: "Send", exact: true }).click();
    await expect(assistantTurns(p).nth(3)).toContainText("Slow reply:");
    await p.getByRole("button", { name: "Stop" }).click();
    await expect(assistantTurns(p).nth(3)).toHaveAttribute("data-status", "stopped");
    await expect(assistantTurns(p).nth(3)).toContainText("Stopped");
    // A failed reply shows a clear message; Retry gets a complete one in the same conversation.
    await p.getByLabel("Your message").fill("Please fail once");
    await p.getByRole("button", { name: "Send", exact: true }).click();
    await expect(assistantTurns(p).nth(4)).toHaveAttribute("data-status", "failed");
    await expect(assistantTurns(p).nth(4)).toContainText("Press Retry");
    await expect(p.locator(".ms-chat__turn--user")).toHaveCount(5);
    await expect(p.locator(".ms-chat__turn--user").last()).toContainText("Please fail once");
    await p.getByRole("button", { name: "Retry" }).click();
    await expect(assistantTurns(p).nth(5)).toHaveAttribute("data-status", "complete");
    await shoot(p, "chat-stop-retry");
    await p.getByRole("button", { name: "I'm done chatting" }).click();
    await answerSurvey(p, { naturalness: "Very natural", contribution: "Significantly less", novelty: "A little", insights: "" });

    // The endpoint heard the chosen window once, as base64 WAV, and was called with the key.
    const calls = fake.requests.filter((r) => r.path === "/v1/chat/completions");
    expect(calls).toHaveLength(6);
    const last = calls[5].body as { model: string; messages: { role: string; content: unknown }[] };
    expect(last.model).toBe("fake-audio-model");
    const audioParts = last.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])).filter((c: { type: string }) => c.type === "input_audio");
    expect(audioParts).toHaveLength(1);

    await page.goto(`/studies/${studyId}/results`);
    expect((await tableRows(page, "12a"))[0]).toEqual(["Very natural", "1", "100.0", "20.7–100.0"]);

    const { network, dom } = await rec.settle();
    const all = [...network, ...dom];
    const port = new URL(fake.url).port;
    const forbidden: TForbidden[] = [
      ...wholeWords(["fake-audio-model", "openai-audio", "E2E_FAKE_API_KEY"]),
      { name: "API key", re: new RegExp(FAKE_KEY, "g") },
      { name: "base URL", re: new RegExp(`127\\.0\\.0\\.1:${port}`, "g") },
    ];
    expect(findLeaks([{ source: "control", text: `${fake.url} fake-audio-model ${FAKE_KEY}` }], forbidden).length).toBeGreaterThanOrEqual(3);
    expect(findLeaks(all, forbidden), "the endpoint reached the participant's browser").toEqual([]);
    await ctx.close();
  });
});
