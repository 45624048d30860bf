// A compact, readable panel of a clip's measured audio facts (loudness, peaks, tone, stereo), for participant and researcher pages alike.
import type { TAudioFacts, TBand } from "@/lib/audio/facts-schema";

const BAND_LABELS: [TBand, string, string][] = [
  ["sub", "Sub", "below 60 Hz"],
  ["bass", "Bass", "60–250 Hz"],
  ["lowMid", "Low-mid", "250–500 Hz"],
  ["mid", "Mid", "500 Hz–2 kHz"],
  ["highMid", "High-mid", "2–6 kHz"],
  ["air", "Air", "above 6 kHz"],
];

const signed = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`;
const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.01 ? 1 : 0)}%`;

function duration(s: number): string {
  const m = Math.floor(s / 60);
  const sec = s - m * 60;
  return m > 0 ? `${m}:${sec.toFixed(0).padStart(2, "0")}` : `${s.toFixed(1)} s`;
}

export interface AudioFactsProps {
  facts: TAudioFacts;
  /** Heading shown above the numbers. */
  title?: string;
  /** Behind a disclosure the reader can fold away (round pages); a plain section otherwise. */
  collapsible?: boolean;
  /** With collapsible: start unfolded. */
  defaultOpen?: boolean;
}

export function AudioFacts({ facts: f, title = "Measured audio facts", collapsible = false, defaultOpen = false }: AudioFactsProps) {
  const rows: [string, string, string?][] = [
    ["Loudness", f.integratedLufs === null ? "—" : `${signed(f.integratedLufs)} LUFS`, "integrated, ITU-R BS.1770"],
    ["Loudness range", f.loudnessRangeLu === null ? "—" : `${f.loudnessRangeLu.toFixed(1)} LU`],
    ["True peak", f.truePeakDbtp === null ? "—" : `${signed(f.truePeakDbtp)} dBTP`],
    ["Sample peak", f.samplePeakDbfs === null ? "—" : `${signed(f.samplePeakDbfs)} dBFS`],
    ["Crest factor", f.crestFactorDb === null ? "—" : `${f.crestFactorDb.toFixed(1)} dB`, "peak over RMS"],
    ["Clipped samples", String(f.clippedSamples)],
  ];
  if (f.channels >= 2) {
    rows.push(["Stereo correlation", f.stereoCorrelation === null ? "—" : f.stereoCorrelation.toFixed(2), "1 = mono, below 0 = out of phase"]);
    rows.push(["Stereo width", f.stereoWidth === null ? "—" : pct(f.stereoWidth), "side share of energy"]);
  }
  const format = `${duration(f.durationS)} · ${(f.sampleRate / 1000).toFixed(f.sampleRate % 1000 ? 1 : 0)} kHz · ${f.channels === 1 ? "mono" : f.channels === 2 ? "stereo" : `${f.channels} channels`}`;

  const body = (
    <>
      <p className="ms-facts__format">{format}</p>
      <dl className="ms-facts__grid">
        {rows.map(([label, value, hint]) => (
          <div key={label} className="ms-facts__item">
            <dt title={hint}>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {f.bandShares && (
        <div className="ms-facts__bands">
          <p className="ms-facts__bands-title">Energy by band</p>
          <ul>
            {BAND_LABELS.map(([band, label, range]) => {
              const share = f.bandShares![band];
              return (
                <li key={band} className="ms-facts__band">
                  <span className="ms-facts__band-label" title={range}>
                    {label}
                  </span>
                  <span className="ms-facts__bar" aria-hidden="true">
                    <span style={{ width: `${Math.max(0, Math.min(100, share * 100))}%` }} />
                  </span>
                  <span className="ms-facts__band-value">{pct(share)}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </>
  );

  if (collapsible) {
    return (
      <details className="ms-facts" open={defaultOpen}>
        <summary className="ms-facts__title">{title}</summary>
        {body}
      </details>
    );
  }
  return (
    <section className="ms-facts" aria-label={title}>
      <h3 className="ms-facts__title">{title}</h3>
      {body}
    </section>
  );
}
