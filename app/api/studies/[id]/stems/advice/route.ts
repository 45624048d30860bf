// Researcher: attach each system's response to existing items by item id (CSV or JSONL: item_id, system, text), all or nothing.
import { z } from "zod";
import { attachCandidates } from "@/db/queries/items/attach-candidates";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { withImportErrors } from "@/lib/http/import-errors";
import { readFormData } from "@/lib/http/read-form";
import { route } from "@/lib/http/route";
import { parseAdvice } from "@/studies/rating/advice";

const MB = 1024 * 1024;

export const POST = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ req, params, researcherId }) => {
    const study = await getStudyForResearcher({ studyId: params.id, researcherId: researcherId!, need: "write" });
    if (!(req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data (field advice).");
    }
    const form = await readFormData(req, {
      maxBytes: env().MIXSTUDY_UPLOAD_MAX_MB * MB + 64 * 1024,
      tooLarge: `The file is larger than ${env().MIXSTUDY_UPLOAD_MAX_MB} MB.`,
      unreadable: "The upload could not be read as multipart/form-data.",
    });
    const file = form.get("advice");
    if (!(file instanceof File) || file.size === 0) throw new AppError("BAD_REQUEST", 'Field "advice": attach a CSV or JSONL file with columns item_id, system, text.');
    if (file.size > env().MIXSTUDY_UPLOAD_MAX_MB * MB) throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${env().MIXSTUDY_UPLOAD_MAX_MB} MB.`);
    return withImportErrors(async () => {
      const rows = parseAdvice({ name: file.name, text: await file.text() });
      return attachCandidates({ studyId: study.id, researcherId: researcherId!, rows });
    });
  },
});
