// Uploads the participant's own clip (multipart field "file"): checked, measured, stored by hash, and chosen for the conversation.
import { z } from "zod";
import { getDb } from "@/db/client";
import { chooseClip } from "@/db/queries/chat/choose-clip";
import { storeUploadedAudio } from "@/lib/audio/upload";
import { AppError } from "@/lib/http/app-error";
import { readFormData } from "@/lib/http/read-form";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";
import { conversationOf } from "@/studies/chat/conversation-of";
import { chatConfigOf } from "@/studies/chat/scope";

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  handler: async ({ participant, req }) => {
    const config = chatConfigOf(participant!.config);
    if (!config.chat.allowUpload) throw new AppError("FORBIDDEN", "This study asks you to choose one of its clips.");
    const maxBytes = Math.round(config.limits.audioMaxMb * 1024 * 1024);
    const declared = Number(req.headers.get("content-length") ?? "0");
    if (declared > maxBytes + 64 * 1024) throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the study's limit of ${config.limits.audioMaxMb} MB.`);
    // Checked before reading the file: an upload after the chat started changes nothing.
    await conversationOf(participant!);
    const form = await readFormData(req, {
      maxBytes: maxBytes + 64 * 1024,
      tooLarge: `The file is larger than the study's limit of ${config.limits.audioMaxMb} MB.`,
      unreadable: "Send the clip as multipart/form-data with a field named \"file\".",
    });
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("BAD_REQUEST", "Invalid body: file: choose an audio file to upload.");
    const bytes = Buffer.from(await file.arrayBuffer());
    const stored = await storeUploadedAudio(await getDb(), bytes, { filename: file.name, maxBytes, maxDurationS: config.chat.maxClipSeconds });
    await chooseClip({ participantId: participant!.participantId, clipHash: stored.hash, timeBudgetMinutes: config.chat.timeBudgetMinutes });
    return stateFor(participant!);
  },
});
