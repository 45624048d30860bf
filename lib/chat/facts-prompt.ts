// The measured audio facts as text for a model that cannot hear the clip (openai-text back end).
import type { TAudioFacts } from "@/lib/audio/facts-schema";

const signed = (x: number, digits = 1) => (x > 0 ? "+" : "") + x.toFixed(digits);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * A readable block of measurements with units, introduced so the model treats them as measured
 * (not guessed) and knows what each number means. Missing values say why.
 */
export function formatFactsForPrompt(f: TAudioFacts): string {
  const lines = [
    "Measurements of the musician's audio clip (computed by the platform; you cannot hear the clip, so rely on these and do not invent others):",
    `- Duration ${f.durationS.toFixed(1)} s, ${f.sampleRate} Hz, ${f.channels === 1 ? "mono (1 channel)" : `${f.channels} channels`}`,
    `- Integrated loudness: ${f.integratedLufs === null ? "not measurable (silent or shorter than 0.4 s)" : `${signed(f.integratedLufs)} LUFS (ITU-R BS.1770)`}`,
    `- Loudness range: ${f.loudnessRangeLu === null ? "not measurable (shorter than 3 s or silent)" : `${f.loudnessRangeLu.toFixed(1)} LU`}`,
    `- Sample peak: ${f.samplePeakDbfs === null ? "silent" : `${signed(f.samplePeakDbfs)} dBFS`}; true peak: ${f.truePeakDbtp === null ? "silent" : `${signed(f.truePeakDbtp)} dBTP`}`,
    `- Crest factor (peak over RMS): ${f.crestFactorDb === null ? "n/a" : `${f.crestFactorDb.toFixed(1)} dB`}`,
    `- Clipped samples (|x| ≥ 0.999 of full scale): ${f.clippedSamples}`,
  ];
  if (f.bandShares) {
    const b = f.bandShares;
    lines.push(
      `- Share of spectral energy: sub <60 Hz ${pct(b.sub)}, bass 60-250 Hz ${pct(b.bass)}, low-mid 250-500 Hz ${pct(b.lowMid)}, mid 500 Hz-2 kHz ${pct(b.mid)}, high-mid 2-6 kHz ${pct(b.highMid)}, air >6 kHz ${pct(b.air)}`,
    );
  }
  if (f.channels >= 2) {
    lines.push(
      `- Stereo correlation: ${f.stereoCorrelation === null ? "n/a" : f.stereoCorrelation.toFixed(2)} (1 = mono, 0 = unrelated, <0 = out of phase); side energy share (width): ${f.stereoWidth === null ? "n/a" : pct(f.stereoWidth)} (0% = mono)`,
    );
  }
  return lines.join("\n");
}
