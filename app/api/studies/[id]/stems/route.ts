// Researcher: build rating items from a zip of multitrack stems (one song per folder), with a seeded gain error per segment.
import { z } from "zod";
import { writeAudioFile } from "@/db/queries/audio/store-audio";
import { createStemItems } from "@/db/queries/items/create-stem-items";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { withImportErrors } from "@/lib/http/import-errors";
import { readFormData } from "@/lib/http/read-form";
import { route } from "@/lib/http/route";
import { readAudioZip } from "@/lib/import/zip";
import { buildStemItems, StemsError } from "@/lib/stems/build";
import { ZStemsRequest } from "@/lib/stems/request";

const MB = 1024 * 1024;

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
};

export const POST = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ req, params, researcherId }) => {
    const study = await getStudyForResearcher({ studyId: params.id, researcherId: researcherId!, need: "write" });
    if (study.config.mode !== "rating") throw new AppError("BAD_REQUEST", "Items from stems belong to rating studies.");
    if (study.status !== "draft") throw new AppError("CONFLICT", "Items can be added only while the study is a draft.");
    const limit = env().MIXSTUDY_UPLOAD_MAX_MB * MB;
    const declared = Number(req.headers.get("content-length") ?? "0");
    if (declared > limit) throw new AppError("PAYLOAD_TOO_LARGE", `The upload is ${(declared / MB).toFixed(1)} MB; the limit is ${env().MIXSTUDY_UPLOAD_MAX_MB} MB.`);
    if (!(req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the stems as multipart/form-data (fields stems, anchor, segmentSeconds, gainDb, seed).");
    }
    const form = await readFormData(req, {
      maxBytes: limit + 64 * 1024,
      tooLarge: `The upload is larger than the limit of ${env().MIXSTUDY_UPLOAD_MAX_MB} MB.`,
      unreadable: "The upload could not be read as multipart/form-data.",
    });
    const parsed = ZStemsRequest.safeParse({
      anchor: field(form, "anchor"), segmentSeconds: field(form, "segmentSeconds"), gainDb: field(form, "gainDb"),
      seed: field(form, "seed"), maxSegmentsPerSong: field(form, "maxSegmentsPerSong"),
    });
    if (!parsed.success) {
      throw new AppError("BAD_REQUEST", `Invalid body: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ")}`);
    }
    const zip = form.get("stems");
    if (!(zip instanceof File) || zip.size === 0) throw new AppError("BAD_REQUEST", 'Field "stems": attach a zip of WAV stems (one folder per song, or the stems of one song).');
    if (zip.size > limit) throw new AppError("PAYLOAD_TOO_LARGE", `The upload is ${(zip.size / MB).toFixed(1)} MB; the limit is ${env().MIXSTUDY_UPLOAD_MAX_MB} MB.`);
    return withImportErrors(async () => {
      const files = await readAudioZip(Buffer.from(await zip.arrayBuffer()), { maxTotalBytes: limit * 4, maxEntryBytes: limit * 4 });
      let built;
      try {
        built = await buildStemItems(files, { ...parsed.data, rootName: zip.name.replace(/\.zip$/i, "") || "song" }, writeAudioFile);
      } catch (err) {
        if (err instanceof StemsError) throw new AppError("BAD_REQUEST", `The stems were refused and nothing was stored: ${err.message}`);
        throw err;
      }
      const r = await createStemItems({ studyId: study.id, researcherId: researcherId!, stemItems: built.items });
      return { ...r, notes: built.notes, itemIds: built.items.map((i) => i.externalId) };
    });
  },
});
