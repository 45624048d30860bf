// Researcher: import items (MixAssist rows + model outputs, or a judge CSV; plus an audio zip) as one all-or-nothing upload.
import { z } from "zod";
import { importItems } from "@/db/queries/items/import-items";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { withImportErrors } from "@/lib/http/import-errors";
import { readFormData } from "@/lib/http/read-form";
import { route } from "@/lib/http/route";
import { readAudioZip } from "@/lib/import/zip";
import { prepareImport } from "@/studies/import";

const MB = 1024 * 1024;

export const POST = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ req, params, researcherId }) => {
    const study = await getStudyForResearcher({ studyId: params.id, researcherId: researcherId!, need: "write" });
    const limit = env().MIXSTUDY_UPLOAD_MAX_MB * MB;
    const declared = Number(req.headers.get("content-length") ?? "0");
    if (declared > limit) throw new AppError("PAYLOAD_TOO_LARGE", `The upload is ${(declared / MB).toFixed(1)} MB; the limit is ${env().MIXSTUDY_UPLOAD_MAX_MB} MB.`);
    if (!(req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the files as multipart/form-data (fields rows, outputs, audio).");
    }
    const form = await readFormData(req, {
      maxBytes: limit + 64 * 1024,
      tooLarge: `The upload is larger than the limit of ${env().MIXSTUDY_UPLOAD_MAX_MB} MB.`,
      unreadable: "The upload could not be read as multipart/form-data.",
    });
    const rows = form.get("rows");
    const outputs = form.get("outputs");
    const audio = form.get("audio");
    if (!(rows instanceof File) || rows.size === 0) throw new AppError("BAD_REQUEST", 'Field "rows": attach the MixAssist rows file (JSONL or CSV).');
    const hasOutputs = outputs instanceof File && outputs.size > 0;
    const total = rows.size + (hasOutputs ? outputs.size : 0) + (audio instanceof File ? audio.size : 0);
    if (total > limit) throw new AppError("PAYLOAD_TOO_LARGE", `The upload is ${(total / MB).toFixed(1)} MB; the limit is ${env().MIXSTUDY_UPLOAD_MAX_MB} MB.`);
    return withImportErrors(async () => {
      const zip = audio instanceof File && audio.size > 0
        ? await readAudioZip(Buffer.from(await audio.arrayBuffer()), { maxTotalBytes: limit * 4, maxEntryBytes: study.config.limits.audioMaxMb * MB })
        : null;
      const prepared = await prepareImport(
        { rows: { name: rows.name, text: await rows.text() }, outputs: hasOutputs ? { name: outputs.name, text: await outputs.text() } : null, audio: zip },
        study.config,
        { audioMaxBytes: study.config.limits.audioMaxMb * MB },
      );
      return importItems({ studyId: study.id, researcherId: researcherId!, prepared });
    });
  },
});
