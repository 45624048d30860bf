import "server-only";
// A participant's (or researcher's) uploaded clip: checked to be real audio within the study's
// limits, measured once (audio facts), and stored by content hash — file first, then its row — so
// a failure leaves nothing half-stored and a rejected file leaves nothing at all.
import { createHash } from "node:crypto";
import decode from "audio-decode";
import type { Db } from "@/db/client";
import { insertAudioRow, writeAudioFile } from "@/db/queries/audio/store-audio";
import { AppError } from "@/lib/http/app-error";
import { computeAudioFactsAsync, type TAudioFacts } from "./facts";
import { formatBytes, sniffAudioMime } from "./probe";

export const NOT_READABLE_AUDIO = "This file is not audio we can read (WAV, FLAC, MP3 or OGG).";

export type TUploadOptions = {
  /** The name the browser sent; used only in messages. */
  filename?: string;
  maxBytes: number;
  maxDurationS: number;
};

export type TStoredUpload = {
  hash: string;
  mime: string;
  durationMs: number;
  sampleRate: number;
  channels: number;
  facts: TAudioFacts;
};

/** "10 minutes", "1.5 minutes", "45 seconds": how a duration limit reads in a message. */
export function formatLimitDuration(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(1))} second${seconds === 1 ? "" : "s"}`;
  const min = Number((seconds / 60).toFixed(1));
  return `${min} minute${min === 1 ? "" : "s"}`;
}

/** Sample rates accepted: telephone speech up to high-resolution masters. */
export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 384_000;

/** Shortest clip accepted: below this there is nothing to listen to or measure. */
export const MIN_DURATION_S = 0.1;

/**
 * For a WAV, whether its data chunk is cut short of the size its header declares (an interrupted
 * upload or copy). The decoder would silently return the part that is there. Streaming writers
 * that leave the size at 0 or 0xFFFFFFFF are not flagged.
 */
export function wavIsTruncated(buf: Buffer): boolean {
  let at = 12;
  while (at + 8 <= buf.length) {
    const id = buf.toString("latin1", at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === "data") return size !== 0 && size !== 0xffffffff && at + 8 + size > buf.length;
    at += 8 + size + (size % 2);
  }
  return false; // no data chunk found here: the decoder will report no samples
}

const formatClipDuration = (seconds: number) => (seconds < 60 ? `${seconds.toFixed(1)} seconds` : `${(seconds / 60).toFixed(1)} minutes`);

/**
 * Decodes and checks an upload, computes its facts and stores it. Throws AppError: 413 when the
 * file is over maxBytes; 400 when it is not readable audio (by magic bytes, or when decoding fails
 * or yields no samples), has non-finite samples, or is longer than maxDurationS. Storing the same
 * bytes twice is harmless: the file and row are keyed by the SHA-256 of the bytes.
 */
export async function storeUploadedAudio(db: Db, bytes: Buffer, opts: TUploadOptions): Promise<TStoredUpload> {
  const name = opts.filename ? `"${opts.filename.slice(0, 200)}"` : "This file";
  if (bytes.length === 0) throw new AppError("BAD_REQUEST", `${name} is empty.`);
  if (bytes.length > opts.maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `${name} is ${formatBytes(bytes.length)}, larger than the study's limit of ${formatBytes(opts.maxBytes)}.`);
  }
  const mime = sniffAudioMime(bytes);
  if (!mime) throw new AppError("BAD_REQUEST", NOT_READABLE_AUDIO);

  if (mime === "audio/wav" && wavIsTruncated(bytes)) {
    throw new AppError("BAD_REQUEST", `${name} is cut off: it holds less audio than its header announces (an interrupted upload or copy?). Please upload the complete file.`);
  }

  let channelData: Float32Array[];
  let sampleRate: number;
  try {
    ({ channelData, sampleRate } = await decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  } catch {
    // The decoder's own message names its internals; the participant needs to know only that it failed.
    throw new AppError("BAD_REQUEST", `${NOT_READABLE_AUDIO.replace(/\.$/, "")}: it looks like ${mime.replace("audio/", "").toUpperCase()} but could not be decoded (damaged or truncated?).`);
  }
  const frames = channelData.length ? channelData[0].length : 0;
  if (channelData.length < 1 || frames < 1 || !(sampleRate > 0) || !Number.isInteger(sampleRate)) {
    throw new AppError("BAD_REQUEST", `${NOT_READABLE_AUDIO.replace(/\.$/, "")}: no audio samples were found in it (damaged or truncated?).`);
  }
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new AppError("BAD_REQUEST", `${name} has a sample rate of ${sampleRate} Hz; we accept ${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE} Hz.`);
  }
  if (channelData.some((c) => c.length !== frames)) throw new AppError("BAD_REQUEST", `${NOT_READABLE_AUDIO.replace(/\.$/, "")}: its channels differ in length.`);
  for (const ch of channelData) {
    for (let i = 0; i < ch.length; i++) {
      if (!Number.isFinite(ch[i])) throw new AppError("BAD_REQUEST", "This file contains invalid samples (NaN or infinite values), so it cannot be played or measured.");
    }
  }
  const durationS = frames / sampleRate;
  if (durationS < MIN_DURATION_S) throw new AppError("BAD_REQUEST", `${name} is only ${(durationS * 1000).toFixed(0)} ms long; a clip must be at least ${MIN_DURATION_S * 1000} ms.`);
  if (durationS > opts.maxDurationS) {
    throw new AppError("BAD_REQUEST", `${name} is ${formatClipDuration(durationS)} long, longer than the study's limit of ${formatLimitDuration(opts.maxDurationS)}.`);
  }

  const facts = await computeAudioFactsAsync({ sampleRate, channels: channelData });
  const hash = createHash("sha256").update(bytes).digest("hex");
  const probed = { hash, mime, durationMs: Math.round(durationS * 1000), sampleRate, channels: channelData.length };
  // Content-addressed file first: a failed insert leaves at most an unreferenced file, never a row without its file.
  writeAudioFile(hash, bytes);
  await insertAudioRow(db, probed, bytes.length, facts);
  return { ...probed, facts };
}
