// Benchmark: what a participant's round page costs, per study mode, on the built app in headless
// Chromium: JavaScript sent (bytes on the wire, gzip as served) and the time from navigation
// until the round's controls are hydrated and answer clicks work. Baseline in the same run: the
// same page's HTML alone (what a participant waits for before any script).
//   npm run build && npm run bench:pages [-- --runs 5]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright";
import { startAppServer } from "./lib/app-server";

const RUNS = Number(process.argv[process.argv.indexOf("--runs") + 1] || 5);
const PORT = Number(process.env.MIXSTUDY_BENCH_PORT ?? 3292);
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Demo studies seeded by the app: one per mode. */
const DEMOS = [
  { mode: "pairwise", slug: "demo-pairwise" },
  { mode: "listwise", slug: "demo-listwise" },
  { mode: "chat", slug: "demo-chat" },
  { mode: "rating", slug: "demo-rating" },
];

async function toRound(context: BrowserContext, base: string, slug: string): Promise<string> {
  // The same participant API the page uses, sharing the context's cookie jar.
  const api = context.request;
  const join = await api.post(`${base}/api/s/${slug}/join`, { data: {} });
  if (!join.ok()) return `join ${join.status()}`;
  for (const [step, body] of [["consent", { consent: true }], ["profile", { expertise: "Intermediate" }], ["instructions", {}]] as const) {
    const r = await api.post(`${base}/api/s/${slug}/${step}`, { data: body });
    if (!r.ok()) return `${step} ${r.status()}`;
  }
  const state = await (await api.get(`${base}/api/s/${slug}/state`)).json();
  return state.step;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no build: run `npm run build` first");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mixstudy-pages-"));
  const server = await startAppServer({ port: PORT, dataDir });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  try {
    console.log(`round page per mode, median of ${RUNS} cold loads (fresh browser context each), ${os.cpus().length} cores`);
    console.log("mode      | step   | JS on the wire (gzip) | JS files | HTML     | HTML ready | controls work | ratio");
    for (const demo of DEMOS) {
      const js: number[] = [];
      const files: number[] = [];
      const html: number[] = [];
      const htmlMs: number[] = [];
      const readyMs: number[] = [];
      let step = "";
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        step = await toRound(context, server.url, demo.slug);
        if (!["trial", "chat"].includes(step)) {
          await context.close();
          break;
        }
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        const types = new Map<string, string>();
        let scriptBytes = 0;
        let scriptFiles = 0;
        let docBytes = 0;
        cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
        cdp.on("Network.loadingFinished", (e) => {
          const t = types.get(e.requestId);
          if (t === "Script") {
            scriptBytes += e.encodedDataLength;
            scriptFiles++;
          } else if (t === "Document") docBytes += e.encodedDataLength;
        });
        await page.goto(`${server.url}/s/${demo.slug}`, { waitUntil: "commit" });
        // Controls "work" once React has hydrated them: its props are attached to the DOM node.
        await page.waitForFunction(
          () => [...document.querySelectorAll("main button, main input, main textarea, main select")].some((el) => !(el as HTMLButtonElement).disabled && Object.keys(el).some((k) => k.startsWith("__reactProps"))),
          undefined,
          { timeout: 60_000, polling: 10 },
        );
        const t = await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          return { ready: performance.now(), html: nav.responseEnd };
        });
        await page.waitForLoadState("networkidle");
        js.push(scriptBytes);
        files.push(scriptFiles);
        html.push(docBytes);
        htmlMs.push(t.html);
        readyMs.push(t.ready);
        await context.close();
      }
      if (js.length === 0) {
        console.log(`${demo.mode.padEnd(9)} | (no round page: ${step})`);
        continue;
      }
      console.log(
        `${demo.mode.padEnd(9)} | ${step.padEnd(6)} | ${(median(js) / 1024).toFixed(1).padStart(17)} KiB | ${String(median(files)).padStart(8)} | ${(median(html) / 1024).toFixed(1).padStart(4)} KiB | ${median(htmlMs).toFixed(0).padStart(7)} ms | ${median(readyMs).toFixed(0).padStart(10)} ms | ${(median(readyMs) / median(htmlMs)).toFixed(1)}× HTML`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
