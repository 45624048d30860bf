// Benchmark: computeAudioFacts on a 20 s 48 kHz stereo clip vs `ffmpeg -af ebur128=peak=true` on
// the same WAV file. Median of 5 runs each. The ffmpeg time includes process spawn, WAV parsing
// and its 192 kHz true-peak resampling; ours is the in-process measurement of already decoded
// samples (all facts: loudness, LRA, peaks, bands, stereo, clipping), so decode is timed apart.
// Run: npm run bench:audio
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import decode from "audio-decode";
import { computeAudioFacts } from "../lib/audio/facts";
import { synthClip } from "../lib/audio/synth";
import { encodeWav } from "../lib/audio/wav";
import { modelWindowWavFromPcm } from "../lib/audio/window";

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "mixstudy-bench-"));
  try {
    const file = path.join(dir, "clip.wav");
    writeFileSync(file, encodeWav(synthClip({ seconds: 20, sampleRate: 48000, seed: 20 })));
    const bytes = readFileSync(file);

    const decodeMs: number[] = [];
    let pcm = { sampleRate: 0, channels: [] as Float32Array[] };
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const d = await decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      decodeMs.push(performance.now() - t);
      pcm = { sampleRate: d.sampleRate, channels: d.channelData };
    }

    const oursMs: number[] = [];
    let facts = computeAudioFacts(pcm);
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      facts = computeAudioFacts(pcm);
      oursMs.push(performance.now() - t);
    }

    // What an audio model's first request adds: the clip's window, mixed to mono and resampled to 16 kHz WAV.
    const windowMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      modelWindowWavFromPcm(pcm, 0);
      windowMs.push(performance.now() - t);
    }

    const ffmpegMs: number[] = [];
    let summary = "";
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const r = spawnSync("ffmpeg", ["-nostats", "-hide_banner", "-i", file, "-af", "ebur128=peak=true", "-f", "null", "-"], { encoding: "utf8" });
      ffmpegMs.push(performance.now() - t);
      if (r.error || r.status !== 0) throw new Error(`ffmpeg failed (is Debian's ffmpeg installed?): ${r.error?.message ?? r.stderr}`);
      summary = r.stderr;
    }
    const ffI = summary.match(/I:\s+(-?[\d.]+) LUFS/g)?.pop();
    const ffTp = summary.slice(summary.lastIndexOf("True peak:")).match(/Peak:\s+(-?[\d.]+)/)?.[1];

    const ours = median(oursMs);
    const ff = median(ffmpegMs);
    console.log(`clip: 20 s, 48 kHz, stereo (synthClip seed 20); median of ${RUNS} runs`);
    console.log(`ours   computeAudioFacts (all facts):          ${ours.toFixed(1)} ms   (+ audio-decode ${median(decodeMs).toFixed(1)} ms)`);
    console.log(`ffmpeg -af ebur128=peak=true (incl. spawn):    ${ff.toFixed(1)} ms`);
    console.log(`ratio ours/ffmpeg: ${(ours / ff).toFixed(2)}   (ours + decode)/ffmpeg: ${((ours + median(decodeMs)) / ff).toFixed(2)}`);
    console.log(`model window (20 s → 16 kHz mono WAV, windowed-sinc resampler): ${median(windowMs).toFixed(1)} ms`);
    console.log(`values: ours I ${facts.integratedLufs?.toFixed(2)} LUFS, TP ${facts.truePeakDbtp?.toFixed(2)} dBTP; ffmpeg ${ffI?.replace(/\s+/g, " ")}, TP ${ffTp} dBTP`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
