// Property-based fuzzing of every importer (fast-check): whatever bytes arrive, an import either
// prepares items or throws one ImportError whose issues name a line inside the file — never any
// other exception (which the API would answer with a 500). Preparing stores nothing by design;
// db/queries/items/import-items.test.ts shows that a rejected import leaves the tables untouched.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/import/errors";
import { makeJudgeCsvSample, makeMixAssistSample, toJsonl } from "@/lib/import/sample-data";
import { prepareImport, type TImportFiles } from "./import";
import { listTemplates, loadTemplate } from "./registry";

const OPTS = { audioMaxBytes: 1024 * 1024 };
const RUNS = 60;

async function outcome(files: TImportFiles, template: string): Promise<"ok" | ImportError> {
  try {
    await prepareImport(files, loadTemplate(template), OPTS);
    return "ok";
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw new Error(`${template}: an import threw ${(err as Error)?.name}: ${(err as Error)?.message} instead of an ImportError`);
  }
}

function expectIssuesInside(err: ImportError, text: string) {
  const lines = text.split(/\r?\n/).length;
  expect(err.issues.length).toBeGreaterThan(0);
  for (const issue of err.issues) {
    expect(issue.line).toBeGreaterThanOrEqual(0);
    expect(issue.line).toBeLessThanOrEqual(lines + 1);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

/** Text that looks like an import file: JSON lines with random values, CSV-ish lines, or raw noise. */
const arbFileText = fc.oneof(
  fc.array(fc.jsonValue(), { maxLength: 6 }).map((vals) => vals.map((v) => JSON.stringify(v)).join("\n")),
  fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }).map((rows) => rows.map((r) => r.join(",")).join("\n")),
  fc.string({ maxLength: 400 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("latin1")),
);

describe.each(listTemplates())("importer of template %s", (template) => {
  it("answers arbitrary JSONL, CSV and noise with items or line-numbered issues, never another exception", async () => {
    await fc.assert(
      fc.asyncProperty(arbFileText, fc.constantFrom("rows.jsonl", "rows.csv", "rows.txt"), arbFileText, async (rows, name, outputs) => {
        const files: TImportFiles = { rows: { name, text: rows }, outputs: { name: "outputs.jsonl", text: outputs }, audio: null };
        const out = await outcome(files, template);
        if (out !== "ok") expectIssuesInside(out, rows.length >= outputs.length ? rows : outputs);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  });
});

describe("mutated MixAssist rows (pairwise)", () => {
  const sample = makeMixAssistSample(5, 11, { generatedSystem: "qwen-ft", seconds: 0.05, sampleRate: 8000 });
  const valid = sample.rows.map((r) => ({ ...r, audio_file: null }));

  it("the unmutated sample imports", async () => {
    const files: TImportFiles = { rows: { name: "rows.jsonl", text: toJsonl(valid) }, outputs: { name: "outputs.jsonl", text: toJsonl(sample.outputs) }, audio: null };
    expect(await outcome(files, "mixassist-pairwise")).toBe("ok");
  });

  it("a row with one field set to a random value is refused on that row's line, or imports", async () => {
    const fields = Object.keys(valid[0]);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: valid.length - 1 }), fc.constantFrom(...fields), fc.jsonValue(), async (row, field, value) => {
        const rows = valid.map((r, i) => (i === row ? { ...r, [field]: value } : r));
        const files: TImportFiles = { rows: { name: "rows.jsonl", text: toJsonl(rows) }, outputs: { name: "outputs.jsonl", text: toJsonl(sample.outputs) }, audio: null };
        const out = await outcome(files, "mixassist-pairwise");
        if (out === "ok") return;
        expect(out.issues.map((i) => i.line)).toContain(row + 1);
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});

describe("mutated judge CSV (listwise)", () => {
  const csv = makeJudgeCsvSample(4, 3);

  it("a cell replaced by random text is refused on that line, or imports", async () => {
    const lines = csv.trimEnd().split(/\r?\n/);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: lines.length - 1 }), fc.string({ maxLength: 30 }), async (line, junk) => {
        const cells = lines[line].split(",");
        cells[0] = JSON.stringify(junk); // a quoted CSV cell: the prompt column
        const text = [...lines.slice(0, line), cells.join(","), ...lines.slice(line + 1)].join("\n");
        const out = await outcome({ rows: { name: "judge.csv", text }, outputs: null, audio: null }, "mixassist-listwise");
        if (out !== "ok") expectIssuesInside(out, text);
      }),
      { numRuns: RUNS, seed: 5 },
    );
  });
});
