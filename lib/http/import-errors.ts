// Maps importer failures to AppErrors: a bad line is 422 with every issue, a bad zip 400.
import { ImportError } from "@/lib/import/errors";
import { ZipError } from "@/lib/import/zip";
import { AppError } from "./app-error";

export async function withImportErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ImportError) throw new AppError("INVALID_IMPORT", `The import was refused and nothing was stored (${err.issues.length} problem${err.issues.length === 1 ? "" : "s"}).`, err.issues);
    if (err instanceof ZipError) throw new AppError("BAD_REQUEST", `The audio zip was refused and nothing was stored: ${err.message}`);
    throw err;
  }
}
