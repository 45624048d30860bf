// The stems form's fields besides the zip (numbers arrive as text), shared by the route and the form.
import { z } from "zod";

export const ZStemsRequest = z.object({
  anchor: z.string().trim().min(1, "name the anchor stem (its file name without .wav, e.g. bass)").max(100),
  segmentSeconds: z.coerce.number().min(1, "at least 1 second").max(120, "at most 120 seconds").default(10),
  gainDb: z.coerce.number().gt(0, "more than 0 dB").max(24, "at most 24 dB").default(4),
  seed: z.string().trim().min(1, "a seed is required").max(100).default("mixstudy-stems"),
  maxSegmentsPerSong: z.coerce.number().int().min(1).max(1000).optional(),
});
export type TStemsRequest = z.infer<typeof ZStemsRequest>;
