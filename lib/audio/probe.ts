// Validates an imported audio file: container by magic bytes, size limit, then a real decode, and
// measures its audio facts from that same decode (computed once, stored with the clip's row).
import { createHash } from "node:crypto";
import decode from "audio-decode";
import { computeAudioFactsAsync } from "./facts";
import type { TAudioFacts } from "./facts-schema";

export type TProbeOptions = { maxBytes: number; maxSeconds?: number };
export type TProbeResult =
  | { ok: true; mime: string; durationMs: number; sampleRate: number; channels: number; hash: string; /** Measured from the same decode, to be stored with the row. */ facts: TAudioFacts }
  | { ok: false; error: string };

export const NOT_AUDIO_MESSAGE = "not an audio file (WAV, FLAC, MP3 or OGG expected)";

/** Returns the MIME type of the audio container the bytes start with, or null if none we accept. */
export function sniffAudioMime(buf: Uint8Array): string | null {
  const ascii = (start: number, end: number) => Buffer.from(buf.subarray(start, end)).toString("latin1");
  if (buf.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "audio/wav";
  if (buf.length >= 4 && ascii(0, 4) === "fLaC") return "audio/flac";
  if (buf.length >= 4 && ascii(0, 4) === "OggS") return "audio/ogg";
  if (buf.length >= 10 && ascii(0, 3) === "ID3") return "audio/mpeg";
  // MPEG audio frame sync: 11 set bits, and layer bits != 00 (00 is AAC ADTS, which we do not accept).
  if (buf.length >= 4 && buf[0] === 0xff && (buf[1] & 0xe0) === 0xe0 && (buf[1] & 0x06) !== 0) return "audio/mpeg";
  return null;
}

/** Formats a byte count the way the size-limit message shows it: "12.3 MB", "10 MB", "512 KB". */
export function formatBytes(n: number): string {
  const MB = 1024 * 1024;
  const trim = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1).replace(/\.0$/, ""));
  if (n >= MB) return `${trim(Math.round((n / MB) * 10) / 10)} MB`;
  if (n >= 1024) return `${trim(Math.round((n / 1024) * 10) / 10)} KB`;
  return `${n} bytes`;
}

/**
 * Checks that `buf` is a WAV, FLAC, MP3 or OGG file within the limits and that it really decodes.
 * audio-decode throws "Unknown audio format" for unrecognised bytes but, for a recognised
 * container with a broken header, resolves with zero channels or a zero sample rate instead of
 * throwing — so the decoded result is checked, not just the absence of an exception.
 */
export async function probeAudio(buf: Buffer, { maxBytes, maxSeconds }: TProbeOptions): Promise<TProbeResult> {
  if (buf.length > maxBytes) {
    return { ok: false, error: `file is ${formatBytes(buf.length)}; the limit is ${formatBytes(maxBytes)}` };
  }
  const mime = sniffAudioMime(buf);
  if (!mime) return { ok: false, error: NOT_AUDIO_MESSAGE };

  let decoded: { channelData: Float32Array[]; sampleRate: number };
  try {
    decoded = await decode(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  } catch (e) {
    return { ok: false, error: `could not decode ${mime} file: ${e instanceof Error ? e.message : String(e)}` };
  }

  const { channelData, sampleRate } = decoded;
  const channels = channelData.length;
  const frames = channels > 0 ? channelData[0].length : 0;
  if (channels < 1 || frames < 1 || !(sampleRate > 0)) {
    return { ok: false, error: `could not decode ${mime} file: no audio samples found (corrupt or truncated header?)` };
  }
  for (const ch of channelData) {
    for (let i = 0; i < ch.length; i++) {
      if (!Number.isFinite(ch[i])) return { ok: false, error: "audio contains invalid (NaN or infinite) samples" };
    }
  }

  const durationMs = Math.round((frames / sampleRate) * 1000);
  if (maxSeconds !== undefined && durationMs > maxSeconds * 1000) {
    return { ok: false, error: `audio is ${(durationMs / 1000).toFixed(1)} s long; the limit is ${maxSeconds} s` };
  }
  const hash = createHash("sha256").update(buf).digest("hex");
  return { ok: true, mime, durationMs, sampleRate, channels, hash, facts: await computeAudioFactsAsync({ sampleRate, channels: channelData }) };
}
