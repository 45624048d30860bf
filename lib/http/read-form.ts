import "server-only";
// Reads a multipart body with a byte limit enforced while it streams in: a body that declares no length
// (chunked) or lies about it is cut off at the limit with 413 instead of being buffered whole.
import { AppError } from "./app-error";

export async function readFormData(req: Request, { maxBytes, tooLarge, unreadable }: { maxBytes: number; tooLarge: string; unreadable: string }): Promise<FormData> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", tooLarge);
  const chunks: Uint8Array[] = [];
  if (req.body) {
    const reader = req.body.getReader();
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new AppError("PAYLOAD_TOO_LARGE", tooLarge);
      }
      chunks.push(value);
    }
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("BAD_REQUEST", unreadable);
  }
}
