// Encodes PCM channels as a 16-bit little-endian WAV file (RIFF/WAVE, fmt + data chunks).

export type TPcmAudio = { sampleRate: number; channels: Float32Array[] };

/** Encodes float samples (clipped to [-1, 1]) as interleaved 16-bit PCM in a canonical 44-byte-header WAV. */
export function encodeWav({ sampleRate, channels }: TPcmAudio): Buffer {
  if (channels.length < 1) throw new Error("encodeWav: at least one channel is required");
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new Error(`encodeWav: invalid sample rate ${sampleRate}`);
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) throw new Error("encodeWav: channels differ in length");

  const numChannels = channels.length;
  const blockAlign = numChannels * 2;
  const dataBytes = frames * blockAlign;
  const buf = Buffer.alloc(44 + dataBytes);

  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16); // fmt chunk size for PCM
  buf.writeUInt16LE(1, 20); // audio format 1 = PCM
  buf.writeUInt16LE(numChannels, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * blockAlign, 28); // byte rate
  buf.writeUInt16LE(blockAlign, 32);
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(dataBytes, 40);

  let offset = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < numChannels; c++) {
      const s = channels[c][i];
      const clipped = Number.isFinite(s) ? Math.max(-1, Math.min(1, s)) : 0;
      // Asymmetric scaling so -1 maps to -32768 and +1 to +32767.
      buf.writeInt16LE(clipped < 0 ? Math.round(clipped * 32768) : Math.round(clipped * 32767), offset);
      offset += 2;
    }
  }
  return buf;
}
