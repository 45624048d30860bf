// What a participant's browser receives, recorded for the blinding scans: every request URL and body,
// every response's headers and textual body, and DOM/cookie/storage snapshots taken on demand.
import type { Page, Response } from "@playwright/test";

export interface TForbidden {
  name: string;
  re: RegExp;
}

/** Case-sensitive whole words; "-" counts as part of a word, so "qwen-ft" is not "qwen". */
export function wholeWords(names: readonly string[]): TForbidden[] {
  return names.map((name) => ({ name, re: new RegExp(`(?<![\\w-])${name.replace(/[-.]/g, "\\$&")}(?![\\w-])`, "g") }));
}

const TEXTUAL = /text\/|json|javascript|ecmascript|x-component|xml|svg|css|urlencoded/i;

export interface TCaptured {
  source: string;
  text: string;
}

export function recordEverything(page: Page) {
  const captured: TCaptured[] = [];
  const pending: Promise<void>[] = [];
  const kinds = new Map<string, number>();
  page.on("request", (req) => {
    captured.push({ source: `request URL ${req.method()}`, text: req.url() });
    const body = req.postData();
    if (body) captured.push({ source: `request body ${req.url()}`, text: body });
  });
  page.on("response", (res: Response) => {
    pending.push(
      (async () => {
        const url = res.url();
        const headers = await res.allHeaders().catch(() => res.headers());
        captured.push({ source: `response headers ${url}`, text: JSON.stringify(headers) });
        const type = headers["content-type"] ?? "";
        const kind = res.request().resourceType();
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        // Media and fonts are binary; everything else that says it is text is scanned whole.
        if (!TEXTUAL.test(type) && kind !== "script" && kind !== "document" && kind !== "fetch" && kind !== "xhr") return;
        if (res.status() >= 300 && res.status() < 400) return;
        try {
          const body = await res.body();
          captured.push({ source: `response body (${kind}, ${type}) ${url}`, text: body.toString("utf8") });
        } catch {
          captured.push({ source: `response body unavailable ${url}`, text: "" });
        }
      })(),
    );
  });
  const snapshots: TCaptured[] = [];
  return {
    captured,
    kinds,
    async snapshot(step: string) {
      snapshots.push({ source: `DOM after ${step}`, text: await page.content() });
      // Also what the page keeps outside the DOM: cookies visible to scripts and storage.
      const extra = await page.evaluate(() => JSON.stringify({ cookie: document.cookie, local: { ...localStorage }, session: { ...sessionStorage } }));
      snapshots.push({ source: `document.cookie/storage after ${step}`, text: extra });
    },
    async settle() {
      // Bodies are read asynchronously; keep awaiting until no new response arrived meanwhile.
      let seen = -1;
      while (seen !== pending.length) {
        seen = pending.length;
        await Promise.all(pending.slice());
      }
      return { network: captured, dom: snapshots };
    },
  };
}

export function findLeaks(corpus: readonly TCaptured[], forbidden: readonly TForbidden[]): string[] {
  const leaks: string[] = [];
  for (const { source, text } of corpus) {
    for (const { name, re } of forbidden) {
      for (const m of text.matchAll(re)) {
        const at = m.index ?? 0;
        leaks.push(`"${name}" in ${source}: …${text.slice(Math.max(0, at - 80), at + 80).replace(/\s+/g, " ")}…`);
        if (leaks.length > 40) return leaks;
      }
    }
  }
  return leaks;
}

