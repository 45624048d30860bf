// Integration: our loudness and peaks against Debian's ffmpeg `ebur128` filter on several clips.
// Needs the Debian packages ffmpeg, sox and espeak-ng; fails (does not skip) without them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { factsFromFile, type TAudioFacts } from "./facts";
import { lcg, synthClip } from "./synth";
import { encodeWav, type TPcmAudio } from "./wav";

type TEbur128Summary = { I: number | null; LRA: number; samplePeak: number | null; truePeak: number | null };

const TOOLS: Record<string, string[]> = { ffmpeg: ["-version"], sox: ["--version"], "espeak-ng": ["--version"] };

function requireTool(name: string) {
  const r = spawnSync(name, TOOLS[name], { stdio: "ignore" });
  if (r.error || r.status !== 0) {
    throw new Error(`${name} is not installed: this test needs Debian's ${name} (apt-get install -y ffmpeg sox espeak-ng)`);
  }
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.error?.message ?? r.stderr}`);
  return r.stderr;
}

const dbValue = (s: string) => (s === "-inf" ? null : Number(s));

/** Parses the summary ffmpeg's ebur128 filter prints at the end (I, LRA, sample peak, true peak). */
function parseEbur128Summary(stderr: string): TEbur128Summary {
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  const grab = (re: RegExp) => {
    const m = summary.match(re);
    if (!m) throw new Error(`ffmpeg ebur128 summary lacks ${re}: ${summary}`);
    return m[1];
  };
  return {
    I: dbValue(grab(/I:\s+(-?[\d.]+|-inf) LUFS/)),
    LRA: Number(grab(/LRA:\s+(-?[\d.]+) LU/)),
    samplePeak: dbValue(grab(/Sample peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/)),
    truePeak: dbValue(grab(/True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/)),
  };
}

function ffmpegEbur128(file: string, cwd: string): TEbur128Summary {
  return parseEbur128Summary(run("ffmpeg", ["-nostats", "-hide_banner", "-i", file, "-af", "ebur128=peak=true+sample", "-f", "null", "-"], cwd));
}

/** Exponential sine sweep 20 Hz → 20 kHz with 50 ms fades, both channels, amplitude 0.5. */
function sweep(sampleRate: number, seconds: number): TPcmAudio {
  const n = Math.round(sampleRate * seconds);
  const x = new Float32Array(n);
  const k = Math.log(20000 / 20);
  const fade = sampleRate * 0.05;
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const phase = ((2 * Math.PI * 20 * seconds) / k) * (Math.exp((t / seconds) * k) - 1);
    x[i] = 0.5 * Math.sin(phase) * Math.min(1, i / fade, (n - 1 - i) / fade);
  }
  return { sampleRate, channels: [x, x.slice()] };
}

/** Pink-ish noise (Paul Kellet's economy filter) per channel, seeded; the second half 12 dB quieter. */
function pinkNoise(sampleRate: number, seconds: number, seed: number): TPcmAudio {
  const rand = lcg(seed);
  const n = Math.round(sampleRate * seconds);
  const channels = [0, 1].map(() => {
    const x = new Float32Array(n);
    let b0 = 0, b1 = 0, b2 = 0;
    for (let i = 0; i < n; i++) {
      const w = rand() * 2 - 1;
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      const gain = i < n / 2 ? 0.12 : 0.03;
      x[i] = (b0 + b1 + b2 + w * 0.1848) * gain;
    }
    return x;
  });
  return { sampleRate, channels };
}

/** The synth mix pushed 18 dB and hard-clipped, like a master squashed into a limiter that failed. */
function loudClipped(): TPcmAudio {
  const clip = synthClip({ seconds: 10, sampleRate: 48000, seed: 11 });
  const g = Math.pow(10, 18 / 20);
  return { sampleRate: 48000, channels: clip.channels.map((c) => c.map((v) => Math.max(-1, Math.min(1, v * g)))) };
}

/**
 * A real-sounding mix from Debian tools: espeak-ng speech over sox-synthesised plucked guitar
 * chords, a square-wave bass, a kick and hi-hats, panned into stereo with sox reverb (44.1 kHz).
 * sox runs with -R (repeatable random numbers) and -D (no dither) so the file is the same every run.
 */
function debianMix(dir: string): string {
  requireTool("sox");
  requireTool("espeak-ng");
  run("espeak-ng", ["-v", "en-us", "-s", "150", "-w", "voice.wav", "Turn the vocal up a little, and let the bass breathe under the chorus. Then bring in the guitars."], dir);
  run("sox", ["-R", "-D", "voice.wav", "-r", "44100", "-c", "1", "voice44.wav"], dir);
  const synth = (out: string, spec: string) => run("sox", ["-R", "-D", "-n", "-r", "44100", "-c", "1", out, ...spec.split(" ")], dir);
  synth("guitar.wav", "synth 2 pl G2 pl B2 pl D3 pl G3 pl D4 pl G4 delay 0 .04 .08 .12 .16 .2 remix - fade 0 2 .1 repeat 4");
  synth("bass.wav", "synth 0.5 square G1 lowpass 400 fade 0 0.5 0.05 repeat 19");
  synth("kick.wav", "synth 0.25 sine 110:40 fade q 0.002 0.25 0.2 pad 0 0.25 repeat 19");
  synth("hat.wav", "synth 0.04 whitenoise highpass 6000 fade q 0 0.04 0.035 pad 0 0.21 repeat 39");
  run("sox", [
    "-R", "-D", "-M", "-v", "0.3", "guitar.wav", "-v", "0.9", "voice44.wav", "-v", "0.5", "bass.wav", "-v", "0.8", "kick.wav", "-v", "0.2", "hat.wav",
    "-b", "16", "debian-mix.wav",
    "gain", "-10",
    "remix", "1v0.8,2v0.7,3v0.7,4v0.7,5v0.4", "1v0.3,2v0.7,3v0.7,4v0.7,5v0.8",
    "reverb", "30", "50", "80", "trim", "0", "10", "gain", "-n", "-1",
  ], dir);
  return "debian-mix.wav";
}

/** espeak-ng speech alone: mono, 22.05 kHz, with pauses (exercises the gates and another rate). */
function speechOnly(dir: string): string {
  requireTool("espeak-ng");
  run("espeak-ng", ["-v", "en-gb", "-s", "130", "-w", "speech.wav", "One. Two. Three, four, five. A longer sentence about mixing, with a pause, and then a shout! Silence. End."], dir);
  return "speech.wav";
}

describe("loudness agrees with ffmpeg's ebur128 filter", () => {
  let dir = "";

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mixstudy-ebur128-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("has ffmpeg, sox and espeak-ng installed (Debian packages)", () => {
    for (const tool of Object.keys(TOOLS)) requireTool(tool);
  });

  const cases: { name: string; make: (d: string) => string }[] = [
    { name: "synth mix 44.1 kHz", make: (d) => write(d, "synth-mix.wav", synthClip({ seconds: 12, sampleRate: 44100, seed: 3 })) },
    { name: "sine sweep 48 kHz", make: (d) => write(d, "sweep.wav", sweep(48000, 8)) },
    { name: "pink noise 48 kHz, level step", make: (d) => write(d, "pink.wav", pinkNoise(48000, 12, 5)) },
    { name: "loud clipped mix 48 kHz", make: (d) => write(d, "loud.wav", loudClipped()) },
    { name: "Debian-tools mix (espeak-ng + sox)", make: debianMix },
    { name: "espeak-ng speech, mono 22.05 kHz", make: speechOnly },
  ];

  function write(d: string, file: string, pcm: TPcmAudio) {
    writeFileSync(path.join(d, file), encodeWav(pcm));
    return file;
  }

  const rows: string[] = [];
  afterAll(() => {
    if (rows.length) console.log(["clip | I ours/ffmpeg | LRA ours/ffmpeg | SP ours/ffmpeg | TP ours/ffmpeg", ...rows].join("\n"));
  });

  for (const c of cases) {
    it(`${c.name}: I, LRA, sample and true peak within 0.1`, async () => {
      requireTool("ffmpeg");
      const file = c.make(dir);
      const ref = ffmpegEbur128(file, dir);
      const ours: TAudioFacts = await factsFromFile(readFileSync(path.join(dir, file)));
      const f = (x: number | null) => (x === null ? "null" : x.toFixed(2));
      rows.push(`${c.name} | ${f(ours.integratedLufs)}/${f(ref.I)} | ${f(ours.loudnessRangeLu)}/${f(ref.LRA)} | ${f(ours.samplePeakDbfs)}/${f(ref.samplePeak)} | ${f(ours.truePeakDbtp)}/${f(ref.truePeak)}`);

      expect(ref.I).not.toBeNull();
      expect(Math.abs(ours.integratedLufs! - ref.I!)).toBeLessThanOrEqual(0.1);
      expect(Math.abs((ours.loudnessRangeLu ?? 0) - ref.LRA)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(ours.samplePeakDbfs! - ref.samplePeak!)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(ours.truePeakDbtp! - ref.truePeak!)).toBeLessThanOrEqual(0.1);
    });
  }
});
