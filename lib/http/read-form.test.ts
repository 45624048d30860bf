import { describe, expect, it } from "vitest";
import { AppError } from "./app-error";
import { readFormData } from "./read-form";

const opts = { maxBytes: 1000, tooLarge: "too large", unreadable: "unreadable" };

/** A chunked request body of `chunks` chunks of 100 bytes; counts how many the reader pulled. */
function streamed(chunks: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled === chunks) return c.close();
      pulled++;
      c.enqueue(new Uint8Array(100).fill(65));
    },
  });
  const req = new Request("http://x/upload", { method: "POST", body, headers: { "content-type": "multipart/form-data; boundary=b" }, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled };
}

describe("readFormData", () => {
  it("reads a multipart body within the limit", async () => {
    const fd = new FormData();
    fd.set("file", new File(["hello"], "a.txt"));
    const form = await readFormData(new Request("http://x/upload", { method: "POST", body: fd }), { ...opts, maxBytes: 10_000 });
    expect(await (form.get("file") as File).text()).toBe("hello");
  });

  it("stops a chunked body at the limit with 413, without reading the rest", async () => {
    const s = streamed(10_000); // 1 MB offered, limit 1000 bytes
    const err = await readFormData(s.req, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(413);
    expect((err as AppError).message).toBe("too large");
    expect(s.pulled()).toBeLessThanOrEqual(12); // 11 chunks pass the limit, at most one more is buffered
  });

  it("refuses a declared length over the limit before reading", async () => {
    const s = streamed(1);
    const req = new Request(s.req, { headers: { "content-length": "5000", "content-type": "multipart/form-data; boundary=b" } });
    await expect(readFormData(req, opts)).rejects.toMatchObject({ status: 413 });
  });

  it("answers 400 for a body that is not multipart", async () => {
    await expect(readFormData(new Request("http://x", { method: "POST", body: "junk", headers: { "content-type": "multipart/form-data; boundary=b" } }), opts)).rejects.toMatchObject({ status: 400, message: "unreadable" });
  });
});
