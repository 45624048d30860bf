// The chat limits and the reply's source as stored with each assistant turn, from a chat study's configuration.
import { describeAssistant } from "@/lib/chat/config";
import type { TChatConfig } from "./config";

export const limitsOf = (c: TChatConfig) => ({ maxUserMessageChars: c.chat.maxUserMessageChars, maxMessagesPerMinute: c.chat.maxMessagesPerMinute });
export const sourceOf = (c: TChatConfig) => describeAssistant(c.assistant);
