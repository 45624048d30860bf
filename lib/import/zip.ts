// Reads an uploaded zip of audio files safely (no path traversal, bounded inflation) and matches item paths to its entries.
import JSZip from "jszip";

export type TReadZipOptions = { maxEntries?: number; maxTotalBytes?: number; maxEntryBytes?: number };

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipError";
  }
}

const MB = 1024 * 1024;

/**
 * Normalises a zip entry name to a relative forward-slash path, or throws for names that would
 * escape the upload: "..", absolute paths, drive letters, and backslash-separated variants.
 */
export function normaliseZipPath(name: string): string {
  const slashed = name.replace(/\\/g, "/");
  if (slashed.startsWith("/") || /^[a-zA-Z]:/.test(slashed)) throw new ZipError(`unsafe path in zip: ${name}`);
  const parts = slashed.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..")) throw new ZipError(`unsafe path in zip: ${name}`);
  return parts.join("/");
}

function isIgnored(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return path.startsWith("__MACOSX/") || base === ".DS_Store" || base === "Thumbs.db";
}

/** The size the zip's central directory declares for an entry (a private jszip field; may lie). */
function declaredSize(file: JSZip.JSZipObject): number | undefined {
  const data = (file as unknown as { _data?: { uncompressedSize?: unknown } })._data;
  return typeof data?.uncompressedSize === "number" ? data.uncompressedSize : undefined;
}

/** Inflates one entry, counting bytes as they come so a lying header cannot exceed `limit`. */
function inflateBounded(file: JSZip.JSZipObject, path: string, limit: number, tooBig: () => string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const stream = file.nodeStream("nodebuffer");
    stream.on("data", (chunk: Buffer) => {
      if (done) return;
      bytes += chunk.length;
      if (bytes > limit) {
        done = true;
        stream.pause();
        stream.removeAllListeners("data");
        reject(new ZipError(tooBig()));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("error", (e: unknown) => {
      if (done) return;
      done = true;
      reject(new ZipError(`could not read ${path} from zip: ${e instanceof Error ? e.message : String(e)}`));
    });
    stream.on("end", () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, bytes));
    });
  });
}

/**
 * Reads every file of a zip into memory, keyed by normalised relative path. Directories,
 * __MACOSX/ and .DS_Store are skipped. Throws ZipError on an unsafe path, too many entries, or
 * more than `maxEntryBytes` per entry / `maxTotalBytes` in total — checked first against the
 * declared sizes and then against the bytes actually inflated (zip-bomb protection).
 */
export async function readAudioZip(
  buf: Buffer,
  { maxEntries = 2000, maxTotalBytes = 500 * MB, maxEntryBytes = maxTotalBytes }: TReadZipOptions = {},
): Promise<Map<string, Buffer>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch (e) {
    throw new ZipError(`not a readable zip file: ${e instanceof Error ? e.message : String(e)}`);
  }

  const entries: { path: string; file: JSZip.JSZipObject }[] = [];
  for (const file of Object.values(zip.files)) {
    // Directory entries are never written anywhere, so only file names need the safety check.
    if (file.dir) continue;
    // jszip strips leading "../" from `name`; the original is what the uploader wrote.
    const path = normaliseZipPath(file.unsafeOriginalName ?? file.name);
    if (path === "" || isIgnored(path)) continue;
    entries.push({ path, file });
  }
  if (entries.length > maxEntries) throw new ZipError(`zip has ${entries.length} files; the limit is ${maxEntries}`);

  const tooBigEntry = (path: string) => `${path} in zip is larger than the ${fmtMB(maxEntryBytes)} limit per file`;
  const tooBigTotal = () => `zip contents are larger than the ${fmtMB(maxTotalBytes)} limit`;
  let declaredTotal = 0;
  for (const { path, file } of entries) {
    const size = declaredSize(file) ?? 0;
    if (size > maxEntryBytes) throw new ZipError(tooBigEntry(path));
    declaredTotal += size;
    if (declaredTotal > maxTotalBytes) throw new ZipError(tooBigTotal());
  }

  const files = new Map<string, Buffer>();
  let total = 0;
  for (const { path, file } of entries) {
    if (files.has(path)) throw new ZipError(`zip contains ${path} twice`);
    const remaining = maxTotalBytes - total;
    const limit = Math.min(maxEntryBytes, remaining);
    const data = await inflateBounded(file, path, limit, () => (limit === maxEntryBytes ? tooBigEntry(path) : tooBigTotal()));
    total += data.length;
    files.set(path, data);
  }
  return files;
}

function fmtMB(n: number): string {
  const v = n / MB;
  return `${Number.isInteger(v) ? v : v.toFixed(1)} MB`;
}

export type TAudioMatch = { ok: true; path: string; data: Buffer } | { ok: false; error: string };

/**
 * Finds the zip entry for an item's audio_file: the exact path if present, else the single entry
 * of which one path is a whole-segment suffix of the other (so "audio/segments/Group4/cut_37.wav"
 * finds "MixAssist/audio/segments/Group4/cut_37.wav" or "Group4/cut_37.wav", never
 * "Group2/cut_37.wav"; two equally good candidates are reported as ambiguous).
 */
export function matchAudioPath(audioPath: string, files: Map<string, Buffer>): TAudioMatch {
  const wanted = audioPath.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  const exact = files.get(wanted.join("/"));
  if (exact) return { ok: true, path: wanted.join("/"), data: exact };

  let best = 0;
  let matches: string[] = [];
  for (const path of files.keys()) {
    const parts = path.split("/");
    let k = 0;
    while (k < parts.length && k < wanted.length && parts[parts.length - 1 - k] === wanted[wanted.length - 1 - k]) k++;
    // One path must be a whole-segment suffix of the other: Group2/cut_37.wav never stands in for Group4/cut_37.wav.
    if (k === 0 || k < Math.min(parts.length, wanted.length)) continue;
    if (k > best) (best = k), (matches = [path]);
    else if (k === best) matches.push(path);
  }
  if (matches.length === 1) return { ok: true, path: matches[0], data: files.get(matches[0])! };
  if (matches.length === 0) return { ok: false, error: `no file in the zip matches ${audioPath}` };
  return { ok: false, error: `${audioPath} matches several files in the zip: ${matches.slice(0, 3).join(", ")}${matches.length > 3 ? ", …" : ""}` };
}
