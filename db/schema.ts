// Every table of MixStudy, with the invariants the database itself enforces.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  real,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const researchers = pgTable("researchers", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("researchers_email_uq").on(t.email)]);

/** A study: one mode, a config (the parsed study file), a public slug for the participant link. */
export const studies = pgTable("studies", {
  id: uuid("id").primaryKey().defaultRandom(),
  researcherId: uuid("researcher_id").notNull().references(() => researchers.id),
  slug: text("slug").notNull(),
  title: text("title").notNull(),
  mode: text("mode").notNull(),
  status: text("status").notNull().default("draft"), // draft | live | closed
  config: jsonb("config").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp("published_at", { withTimezone: true }),
  closedAt: timestamp("closed_at", { withTimezone: true }),
  /** The configuration version in force; a live study's edits create study_versions rows and bump this. */
  version: integer("version").notNull().default(1),
  /** sha256 of the canonical JSON of `config`, carried by every export. */
  configHash: text("config_hash"),
}, (t) => [uniqueIndex("studies_slug_uq").on(t.slug), index("studies_researcher_idx").on(t.researcherId)]);

/** Every frozen configuration a study has had; judgments record the version they were given under. */
export const studyVersions = pgTable("study_versions", {
  id: uuid("id").primaryKey().defaultRandom(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  version: integer("version").notNull(),
  config: jsonb("config").notNull(),
  configHash: text("config_hash").notNull(),
  createdBy: uuid("created_by").references(() => researchers.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("study_versions_study_version_uq").on(t.studyId, t.version)]);

/** Another researcher's access to a study: viewer (read) or editor (read and change). The owner is studies.researcher_id. */
export const studyShares = pgTable("study_shares", {
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  researcherId: uuid("researcher_id").notNull().references(() => researchers.id, { onDelete: "cascade" }),
  role: text("role").notNull(), // viewer | editor
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("study_shares_study_researcher_uq").on(t.studyId, t.researcherId), index("study_shares_researcher_idx").on(t.researcherId)]);

/** What researchers did to a study: created, imported, published, edited, exported, shared, closed … */
export const auditLog = pgTable("audit_log", {
  id: uuid("id").primaryKey().defaultRandom(),
  studyId: uuid("study_id").references(() => studies.id, { onDelete: "cascade" }),
  researcherId: uuid("researcher_id").references(() => researchers.id),
  action: text("action").notNull(),
  detail: jsonb("detail"),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("audit_log_study_idx").on(t.studyId, t.at)]);

/** Audio stored once by content hash (sha256 hex). */
export const audioFiles = pgTable("audio_files", {
  hash: text("hash").primaryKey(),
  mime: text("mime").notNull(),
  bytes: integer("bytes").notNull(),
  durationMs: integer("duration_ms").notNull(), // milliseconds
  sampleRate: integer("sample_rate").notNull(),
  channels: integer("channels").notNull(),
  /** lib/audio/facts.ts ZAudioFacts, computed once when the clip is stored; null until computed. */
  facts: jsonb("facts"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const items = pgTable("items", {
  id: uuid("id").primaryKey().defaultRandom(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  externalId: text("external_id").notNull(),
  conversationId: text("conversation_id"),
  turnId: integer("turn_id"),
  topic: text("topic"),
  split: text("split"),
  history: jsonb("history").notNull().default(sql`'[]'::jsonb`), // [{role, content, audio_file}]
  userUtterance: text("user_utterance").notNull().default(""),
  audioHash: text("audio_hash").references(() => audioFiles.hash),
  audioPath: text("audio_path"), // path as named in the import (e.g. audio/segments/Group4/cut_37.wav)
  groundTruth: jsonb("ground_truth"),
  /** item | attention (a gold item with a known right answer in ground_truth, mixed in at configured rounds) */
  kind: text("kind").notNull().default("item"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("items_study_external_uq").on(t.studyId, t.externalId), index("items_study_idx").on(t.studyId)]);

/** An item's several clips in display order (rating mode: the mix and its stems); items.audio_hash stays the main clip. */
export const itemClips = pgTable("item_clips", {
  id: uuid("id").primaryKey().defaultRandom(),
  itemId: uuid("item_id").notNull().references(() => items.id, { onDelete: "cascade" }),
  position: integer("position").notNull(), // 0-based display order
  label: text("label").notNull(), // e.g. "Mix", "Bass", "Vocals"
  role: text("role").notNull(), // mix | anchor | stem
  audioHash: text("audio_hash").notNull().references(() => audioFiles.hash),
}, (t) => [uniqueIndex("item_clips_item_position_uq").on(t.itemId, t.position)]);

/** One candidate response of an item; `system` is hidden from participants. */
export const candidates = pgTable("candidates", {
  id: uuid("id").primaryKey().defaultRandom(),
  itemId: uuid("item_id").notNull().references(() => items.id, { onDelete: "cascade" }),
  system: text("system").notNull(),
  text: text("text").notNull(),
}, (t) => [uniqueIndex("candidates_item_system_uq").on(t.itemId, t.system)]);

export const participants = pgTable("participants", {
  id: uuid("id").primaryKey().defaultRandom(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull(),
  prolificPid: text("prolific_pid"),
  prolificStudyId: text("prolific_study_id"),
  prolificSessionId: text("prolific_session_id"),
  seed: text("seed").notNull(),
  expertise: text("expertise"),
  status: text("status").notNull().default("joined"), // joined | consented | active | completed | screened_out
  consentedAt: timestamp("consented_at", { withTimezone: true }),
  instructionsReadAt: timestamp("instructions_read_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  /** Data-quality flags: [{ kind: "attention_failed" | "too_fast" | "straight_lining" …, detail, at }]. */
  flags: jsonb("flags").notNull().default(sql`'[]'::jsonb`),
  /** Set when a failed attention check excludes the session (the study's choice); excluded sessions leave tables unless included. */
  excludedAt: timestamp("excluded_at", { withTimezone: true }),
}, (t) => [
  uniqueIndex("participants_token_uq").on(t.tokenHash),
  uniqueIndex("participants_study_pid_uq").on(t.studyId, t.prolificPid).where(sql`${t.prolificPid} is not null`),
  index("participants_study_idx").on(t.studyId),
]);

/** A round shown to a participant: the item and the systems in display order (position A first). */
export const trials = pgTable("trials", {
  id: uuid("id").primaryKey().defaultRandom(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  participantId: uuid("participant_id").notNull().references(() => participants.id, { onDelete: "cascade" }),
  itemId: uuid("item_id").notNull().references(() => items.id, { onDelete: "cascade" }),
  round: integer("round").notNull(), // 1-based
  systemOrder: jsonb("system_order").notNull(), // string[]: system at position A, B, ...
  assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  shownAt: timestamp("shown_at", { withTimezone: true }),
  releasedAt: timestamp("released_at", { withTimezone: true }), // set when an abandoned session gives the item back
}, (t) => [
  uniqueIndex("trials_participant_round_live_uq").on(t.participantId, t.round).where(sql`${t.releasedAt} is null`),
  index("trials_study_item_idx").on(t.studyId, t.itemId),
]);

/** One answer to one trial; the unique trial id makes double submits store one row. */
export const judgments = pgTable("judgments", {
  id: uuid("id").primaryKey().defaultRandom(),
  trialId: uuid("trial_id").notNull().references(() => trials.id, { onDelete: "cascade" }),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  participantId: uuid("participant_id").notNull().references(() => participants.id, { onDelete: "cascade" }),
  itemId: uuid("item_id").notNull().references(() => items.id, { onDelete: "cascade" }),
  answerPosition: text("answer_position").notNull(), // what was clicked: A | B | both_good | both_bad
  answer: text("answer").notNull(), // mapped to systems: generated_better | human_better | both_good | both_bad, or "qwen>ltu>mullama"
  payload: jsonb("payload"), // listwise: { ranking: systems best first }
  timeOnItemMs: integer("time_on_item_ms"),
  listenedMs: integer("listened_ms"),
  requestId: text("request_id"),
  /** Listening on this trial: { clips: { [label or "main"]: { playedMs, plays, seeks } } }. */
  listening: jsonb("listening"),
  /** studies.version when the answer was given. */
  configVersion: integer("config_version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("judgments_trial_uq").on(t.trialId), index("judgments_study_idx").on(t.studyId)]);

/** An LLM-as-a-judge run over a study's items; the API key is stored encrypted, never sent back. */
export const judgeRuns = pgTable("judge_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  researcherId: uuid("researcher_id").notNull().references(() => researchers.id),
  status: text("status").notNull().default("running"), // running | done | cancelled | stopped (resumable)
  baseUrl: text("base_url").notNull(),
  model: text("model").notNull(),
  apiKeyEnc: text("api_key_enc"), // AES-GCM with a key derived from the server secret
  apiKeyEnv: text("api_key_env"), // or: the name of an environment variable holding the key
  apiKeyHint: text("api_key_hint"), // e.g. "sk-…a1b2", for the researcher to recognise it
  temperature: real("temperature").notNull().default(0),
  concurrency: integer("concurrency").notNull().default(4),
  maxRetries: integer("max_retries").notNull().default(2),
  timeoutMs: integer("timeout_ms").notNull().default(60_000),
  prompt: text("prompt").notNull(),
  seed: text("seed").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  lastError: text("last_error"), // why a run stopped short (endpoint down, key rejected …); resuming clears it
}, (t) => [index("judge_runs_study_idx").on(t.studyId)]);

/** One item's outcome in a judge run: a ranking (systems best first) or a recorded failure, never both. */
export const judgeResults = pgTable("judge_results", {
  id: uuid("id").primaryKey().defaultRandom(),
  runId: uuid("run_id").notNull().references(() => judgeRuns.id, { onDelete: "cascade" }),
  itemId: uuid("item_id").notNull().references(() => items.id, { onDelete: "cascade" }),
  status: text("status").notNull(), // done | failed
  letterMap: jsonb("letter_map").notNull(), // { "A": "qwen", ... }
  ranking: jsonb("ranking"), // systems best first; null when failed
  rawReply: text("raw_reply"),
  attempts: integer("attempts").notNull(),
  latencyMs: integer("latency_ms"),
  error: text("error"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("judge_results_run_item_uq").on(t.runId, t.itemId)]);

/** A chat-mode trial's live conversation with the assistant: the clip it is about and the 30 s window an audio model hears. */
export const conversations = pgTable("conversations", {
  id: uuid("id").primaryKey().defaultRandom(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  participantId: uuid("participant_id").notNull().references(() => participants.id, { onDelete: "cascade" }),
  trialId: uuid("trial_id").notNull().references(() => trials.id, { onDelete: "cascade" }),
  clipHash: text("clip_hash").references(() => audioFiles.hash),
  windowStartMs: integer("window_start_ms").notNull().default(0),
  startedAt: timestamp("started_at", { withTimezone: true }),
  /** startedAt + the study's time budget; after it the current exchange finishes and the survey follows. */
  deadlineAt: timestamp("deadline_at", { withTimezone: true }),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("conversations_trial_uq").on(t.trialId), index("conversations_study_idx").on(t.studyId)]);

/** One message of a conversation, with what produced it (back end, model, prompt version) and how fast. */
export const chatTurns = pgTable("chat_turns", {
  id: uuid("id").primaryKey().defaultRandom(),
  conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
  seq: integer("seq").notNull(), // 1-based order within the conversation
  role: text("role").notNull(), // user | assistant
  content: text("content").notNull().default(""),
  status: text("status").notNull(), // complete | streaming | stopped | failed
  error: text("error"),
  requestId: text("request_id"), // the participant's idempotency key for a user message
  backend: text("backend"), // builtin | openai-audio | openai-text
  model: text("model"),
  promptVersion: text("prompt_version"),
  clipHash: text("clip_hash"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  firstTokenAt: timestamp("first_token_at", { withTimezone: true }),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  latencyFirstMs: integer("latency_first_ms"),
  latencyLastMs: integer("latency_last_ms"),
  promptTokens: integer("prompt_tokens"),
  completionTokens: integer("completion_tokens"),
}, (t) => [
  uniqueIndex("chat_turns_conversation_seq_uq").on(t.conversationId, t.seq),
  uniqueIndex("chat_turns_conversation_request_uq").on(t.conversationId, t.requestId).where(sql`${t.requestId} is not null`),
]);

export const schema = {
  researchers, studies, studyVersions, studyShares, auditLog, audioFiles, items, itemClips, candidates, participants, trials, judgments,
  judgeRuns, judgeResults, conversations, chatTurns,
};
