// The researcher's view of a study's clips: a compact table of the key audio facts, and the first clip with its player and full facts.
import type { TStudyClip } from "@/db/queries/audio/list-study-clips";
import { AudioFacts } from "./audio-facts";
import { AudioPlayer } from "./audio-player";

const signed = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`);
const baseName = (p: string) => p.split("/").pop() ?? p;

export function StudyClips({ clips, total }: { clips: TStudyClip[]; total: number }) {
  if (!clips.length) return <p className="ms-muted">No audio yet: import items with their audio files to see each clip's measurements.</p>;
  const first = clips[0];
  return (
    <>
      <p className="ms-muted">
        {total === clips.length ? `${total} clip${total === 1 ? "" : "s"}` : `First ${clips.length} of ${total} clips`}, measured once when imported
        (loudness per ITU-R BS.1770).
      </p>
      <div className="ms-table-scroll">
        <table className="ms-table ms-clips" data-testid="study-clips">
          <thead>
            <tr>
              <th scope="col">Clip</th>
              <th scope="col">Length</th>
              <th scope="col"><abbr title="Integrated loudness, LUFS (ITU-R BS.1770)">LUFS</abbr></th>
              <th scope="col"><abbr title="True peak, dBTP">Peak dBTP</abbr></th>
              <th scope="col"><abbr title="Loudness range, LU">LRA</abbr></th>
              <th scope="col"><abbr title="Crest factor (peak over RMS), dB">Crest dB</abbr></th>
              <th scope="col"><abbr title="Stereo correlation: 1 = mono, below 0 = out of phase">Corr.</abbr></th>
              <th scope="col"><abbr title="Samples at or above full scale">Clipped</abbr></th>
            </tr>
          </thead>
          <tbody>
            {clips.map((c) => {
              const f = c.facts;
              return (
                <tr key={c.hash}>
                  <th scope="row" title={c.name}>
                    {baseName(c.name)}
                    {c.items > 1 ? <span className="ms-muted"> ×{c.items}</span> : null}
                  </th>
                  <td>{f ? `${f.durationS.toFixed(1)} s` : "—"}</td>
                  <td>{f ? signed(f.integratedLufs) : "not measured"}</td>
                  <td>{f ? signed(f.truePeakDbtp) : "—"}</td>
                  <td>{f?.loudnessRangeLu != null ? f.loudnessRangeLu.toFixed(1) : "—"}</td>
                  <td>{f?.crestFactorDb != null ? f.crestFactorDb.toFixed(1) : "—"}</td>
                  <td>{f ? (f.channels === 1 ? "mono" : f.stereoCorrelation === null ? "—" : f.stereoCorrelation.toFixed(2)) : "—"}</td>
                  <td>{f ? f.clippedSamples : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <details className="ms-clips__first">
        <summary>Listen to {baseName(first.name)} with all its facts</summary>
        <AudioPlayer src={`/api/audio/${first.hash}`} label={baseName(first.name)} />
        {first.facts ? <AudioFacts facts={first.facts} title={`Measured audio facts of ${baseName(first.name)}`} /> : null}
      </details>
    </>
  );
}
