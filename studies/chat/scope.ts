// A participant-API call of a chat study: the participant's config narrowed to the chat mode, or a clear 404.
import { AppError } from "@/lib/http/app-error";
import type { TStudyConfig } from "../config";
import type { TChatConfig } from "./config";

export function chatConfigOf(config: TStudyConfig): TChatConfig {
  if (config.mode !== "chat") throw new AppError("NOT_FOUND", "This study has no chat.");
  return config;
}
