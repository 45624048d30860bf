// Rating items import: rows with prompt, clips (mix / anchor / stems), responses per system and optional ground truth.
import { ImportError } from "@/lib/import/errors";
import type { TImportFiles, TPreparedImport } from "../import";
import type { TRatingConfig } from "./config";

export async function prepareRatingImport(_files: TImportFiles, _config: TRatingConfig, _opts: { audioMaxBytes: number }): Promise<TPreparedImport> {
  throw new ImportError([{ file: "rows", line: 0, field: "", message: "rating items import is not available yet" }]);
}
