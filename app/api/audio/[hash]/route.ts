// Serves stored audio by content hash, with HTTP range requests for seeking and streaming.
import fs from "node:fs";
import { Readable } from "node:stream";
import { z } from "zod";
import { getDb } from "@/db/client";
import { audioPathFor, getAudioMeta } from "@/db/queries/audio/store-audio";
import { AppError } from "@/lib/http/app-error";
import { route } from "@/lib/http/route";

export const GET = route({
  access: "public", // content-addressed: the sha256 is the capability, and audio carries no system label
  params: z.object({ hash: z.string().regex(/^[a-f0-9]{64}$/, "a sha256 hex digest") }),
  handler: async ({ req, params }) => {
    const meta = await getAudioMeta(await getDb(), params.hash);
    const file = audioPathFor(params.hash);
    if (!meta || !fs.existsSync(file)) throw new AppError("NOT_FOUND", "No such audio file.");
    const size = fs.statSync(file).size;
    const headers: Record<string, string> = {
      "content-type": meta.mime,
      "accept-ranges": "bytes",
      "cache-control": "private, max-age=31536000, immutable",
      etag: `"${params.hash}"`,
    };
    const range = req.headers.get("range");
    const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null;
    if (range && !m) return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${size}` } });
    if (m) {
      let start = m[1] === "" ? size - Number(m[2]) : Number(m[1]);
      let end = m[1] === "" || m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
      if (m[1] === "" && m[2] === "") start = size; // "bytes=-" names nothing
      start = Math.max(0, start);
      if (start >= size || start > end) return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${size}` } });
      end = Math.min(end, size - 1);
      const body = Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream;
      return new Response(body, { status: 206, headers: { ...headers, "content-range": `bytes ${start}-${end}/${size}`, "content-length": String(end - start + 1) } });
    }
    const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream;
    return new Response(body, { status: 200, headers: { ...headers, "content-length": String(size) } });
  },
});
