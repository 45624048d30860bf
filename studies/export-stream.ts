// The long CSV as a stream: each page of rows is rendered by the mode's own CSV writer and every page
// after the first drops its header line, so the streamed file is byte-identical to the one built whole.
import type { TJudgmentExportRow } from "./judgments-csv";

/** `render` builds header + rows for one page (judgmentsCsv or ratingJudgmentsCsv); the header has no line break inside. */
export function csvPagesStream(pages: AsyncIterable<readonly TJudgmentExportRow[]>, render: (rows: readonly TJudgmentExportRow[]) => string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = pages[Symbol.asyncIterator]();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await it.next();
        if (next.done) {
          if (first) controller.enqueue(encoder.encode(render([]))); // a study with no judgments: the header alone
          controller.close();
          return;
        }
        const text = render(next.value);
        controller.enqueue(encoder.encode(first ? text : text.slice(text.indexOf("\r\n") + 2)));
        first = false;
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await it.return?.(undefined);
    },
  });
}
