// The chat mode's study file: the assistant (server-side only), the chat's limits and the post-chat survey (MixAssist Appendix F).
import { z } from "zod";
import { ZChatAssistant } from "@/lib/chat/config";
import { baseConfigShape, ZDesign } from "../base-config";
import { DEFAULT_SURVEY } from "./survey";

const ZLabels = z.tuple([z.string().min(1).max(200), z.string().min(1).max(200), z.string().min(1).max(200), z.string().min(1).max(200)]);
const scaleQuestion = (d: { question: string; labels: readonly string[] }) =>
  z
    .object({ question: z.string().min(1).max(500).default(d.question), labels: ZLabels.default([...d.labels] as [string, string, string, string]) })
    .default({ question: d.question, labels: [...d.labels] as [string, string, string, string] });

export const ZChatSettings = z.object({
  /** Minutes of chat from choosing a clip; then the current exchange finishes and the survey follows. */
  timeBudgetMinutes: z.number().positive().max(240).default(5),
  maxUserMessageChars: z.number().int().min(10).max(20_000).default(2000),
  /** Rate limit: user messages per participant in any 60 s. */
  maxMessagesPerMinute: z.number().int().min(1).max(600).default(10),
  allowUpload: z.boolean().default(true),
  allowProvidedClips: z.boolean().default(true),
  /** Longest upload accepted, in seconds (the size limit is limits.audioMaxMb). */
  maxClipSeconds: z.number().int().min(1).max(3 * 3600).default(600),
  /** How much of the clip an audio model hears (Qwen2-Audio: 30 s). */
  windowSeconds: z.literal(30).default(30),
});

const DEFAULT_CHAT = ZChatSettings.parse({});

export const ZChatSurvey = z.object({
  naturalness: scaleQuestion(DEFAULT_SURVEY.naturalness),
  contribution: scaleQuestion(DEFAULT_SURVEY.contribution),
  novelty: scaleQuestion(DEFAULT_SURVEY.novelty),
  insights: z
    .object({ question: z.string().min(1).max(500).default(DEFAULT_SURVEY.insights.question) })
    .default({ question: DEFAULT_SURVEY.insights.question }),
});

export const ZChatConfig = z.object({
  mode: z.literal("chat"),
  ...baseConfigShape,
  /** One trial per participant: the conversation. */
  design: ZDesign.refine((d) => d.roundsPerParticipant === 1, "a chat study has one round per participant (the conversation)").default({
    roundsPerParticipant: 1,
    judgmentsPerItem: null,
    abandonAfterMinutes: 60,
  }),
  /** Which back end answers: never sent to a participant. */
  assistant: ZChatAssistant.prefault({}),
  chat: ZChatSettings.default(DEFAULT_CHAT),
  survey: ZChatSurvey.default(ZChatSurvey.parse({})),
});

export type TChatConfig = z.infer<typeof ZChatConfig>;
export type TChatSettings = z.infer<typeof ZChatSettings>;
