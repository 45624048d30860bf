// The part of a clip an audio-language model hears: at most 30 s (Qwen2-Audio truncates longer
// input silently), mixed down to mono and resampled to 16 kHz, as a 16-bit WAV.
import fs from "node:fs/promises";
import decode from "audio-decode";
import { resampleSteps } from "./resample";
import { runAsync, runSync, type TSteps } from "./steps";
import { encodeWav, type TPcmAudio } from "./wav";

export const MODEL_SAMPLE_RATE = 16_000;
export const MODEL_WINDOW_MAX_S = 30;

/**
 * The window a model hears, in ms of the clip: starts at `startMs` moved back (or to 0) so that a
 * full `maxS` window fits when the clip is long enough; never longer than the clip.
 */
export function clampWindow(durationMs: number, startMs: number, maxS: number = MODEL_WINDOW_MAX_S): { startMs: number; endMs: number } {
  const dur = Math.max(0, Math.round(Number.isFinite(durationMs) ? durationMs : 0));
  const len = Math.min(dur, Math.round(maxS * 1000));
  const wanted = Number.isFinite(startMs) ? Math.round(startMs) : 0;
  const start = Math.max(0, Math.min(wanted, dur - len));
  return { startMs: start, endMs: start + len };
}

/** Decodes WAV, FLAC, MP3 or OGG bytes to float PCM. */
export async function decodeAudio(bytes: Uint8Array): Promise<TPcmAudio> {
  const { channelData, sampleRate } = await decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!channelData.length || !(sampleRate > 0) || !channelData[0].length) throw new Error("decodeAudio: no audio samples found");
  return { sampleRate, channels: channelData };
}

/**
 * The model's window of PCM audio (see clampWindow) as mono 16 kHz 16-bit WAV bytes. The resampler
 * is fed a little audio either side of the window so the window's edges are filtered like its middle.
 */
export function modelWindowWavFromPcm(pcm: TPcmAudio, windowStartMs: number, maxS: number = MODEL_WINDOW_MAX_S): Buffer {
  return runSync(modelWindowSteps(pcm, windowStartMs, maxS));
}

function* modelWindowSteps(pcm: TPcmAudio, windowStartMs: number, maxS: number): TSteps<Buffer> {
  const { sampleRate, channels } = pcm;
  if (!channels.length) throw new Error("modelWindowWav: at least one channel is required");
  const frames = channels[0].length;
  const { startMs, endMs } = clampWindow((frames / sampleRate) * 1000, windowStartMs, maxS);
  const first = Math.min(frames, Math.round((startMs / 1000) * sampleRate));
  const last = Math.min(frames, Math.round((endMs / 1000) * sampleRate));
  const margin = Math.ceil(sampleRate * 0.01);
  const from = Math.max(0, first - margin);
  const to = Math.min(frames, last + margin);
  // Mono: the average of all channels (a plain sum could clip).
  const mono = new Float32Array(to - from);
  for (const ch of channels) for (let i = from; i < to; i++) mono[i - from] += ch[i] / channels.length;
  yield;
  const resampled = yield* resampleSteps(mono, sampleRate, MODEL_SAMPLE_RATE);
  const ratio = MODEL_SAMPLE_RATE / sampleRate;
  const skip = Math.round((first - from) * ratio);
  const want = Math.min(Math.round(((endMs - startMs) / 1000) * MODEL_SAMPLE_RATE), resampled.length - skip);
  return encodeWav({ sampleRate: MODEL_SAMPLE_RATE, channels: [resampled.slice(skip, skip + Math.max(0, want))] });
}

/**
 * The model's window of a clip as mono 16 kHz 16-bit WAV bytes, from a stored file's path, its
 * bytes, or decoded PCM.
 */
export async function modelWindowWav(source: string | Uint8Array | TPcmAudio, windowStartMs: number, maxS: number = MODEL_WINDOW_MAX_S): Promise<Buffer> {
  const pcm = typeof source === "string" ? await decodeAudio(await fs.readFile(source)) : source instanceof Uint8Array ? await decodeAudio(source) : source;
  // In slices: resampling 30 s takes a few hundred ms, and other participants' replies are streaming meanwhile.
  return runAsync(modelWindowSteps(pcm, windowStartMs, maxS));
}
