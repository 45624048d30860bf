// Steps of the chat e2e spec: a WAV fixture, a participant brought to the chat step, messages exchanged and the survey.
import { writeFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import { synthClip } from "../lib/audio/synth";
import { encodeWav } from "../lib/audio/wav";
import { unique } from "./helpers";

/** A synthesized stereo mix as a WAV file at `file`. */
export async function writeWavFixture(file: string, { seconds, seed = 11 }: { seconds: number; seed?: number }): Promise<string> {
  const clip = synthClip({ seconds, seed, sampleRate: 22050, kind: "overall_mix" });
  await writeFile(file, encodeWav({ sampleRate: clip.sampleRate, channels: clip.channels }));
  return file;
}

/** Consent, profile and instructions, up to the clip picker. */
export async function startChatParticipant(page: Page, slug: string, expertise: "Amateur" | "Intermediate" | "Expert" = "Intermediate"): Promise<void> {
  const qs = new URLSearchParams({ PROLIFIC_PID: unique("PID-chat"), STUDY_ID: "E2E-CHAT", SESSION_ID: unique("SESSION-chat") });
  await page.goto(`/s/${slug}?${qs}`);
  await expect(page.getByRole("heading", { name: "Consent" })).toBeVisible();
  await page.getByLabel("I agree").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "About you" })).toBeVisible();
  await page.getByLabel(expertise, { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Instructions" })).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { name: "Choose the clip to talk about" })).toBeVisible();
}

export async function uploadClip(page: Page, file: string): Promise<void> {
  await page.locator('input[type=file][name="file"]').setInputFiles(file);
  await page.getByRole("button", { name: "Upload clip" }).click();
  await expect(page.getByRole("heading", { name: "Chat with the assistant" })).toBeVisible();
}

export function assistantTurns(page: Page) {
  return page.locator(".ms-chat__turn--assistant");
}

/** Sends a message and waits for the n-th assistant reply (1-based) to be stored complete. */
export async function exchange(page: Page, text: string, n: number): Promise<string> {
  await page.getByLabel("Your message").fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const reply = assistantTurns(page).nth(n - 1);
  await expect(reply).toHaveAttribute("data-status", "complete");
  await expect(page.getByLabel("Your message")).toHaveValue("");
  return (await reply.locator(".ms-chat__text").textContent()) ?? "";
}

export async function answerSurvey(page: Page, answers: { naturalness: string; contribution: string; novelty: string; insights: string }): Promise<void> {
  await expect(page.getByRole("heading", { name: "A few questions about the conversation" })).toBeVisible();
  const submit = page.getByRole("button", { name: "Submit answers" });
  await expect(submit).toBeDisabled();
  for (const label of [answers.naturalness, answers.contribution, answers.novelty]) await page.getByLabel(label, { exact: true }).check();
  await page.getByRole("textbox").fill(answers.insights);
  await submit.click();
  await expect(page.getByRole("heading", { name: "Thank you — you have finished" })).toBeVisible();
}
