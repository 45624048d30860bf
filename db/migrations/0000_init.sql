CREATE TABLE "audio_files" (
	"hash" text PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"sample_rate" integer NOT NULL,
	"channels" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"system" text NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"conversation_id" text,
	"turn_id" integer,
	"topic" text,
	"split" text,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"user_utterance" text DEFAULT '' NOT NULL,
	"audio_hash" text,
	"audio_path" text,
	"ground_truth" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"status" text NOT NULL,
	"letter_map" jsonb NOT NULL,
	"ranking" jsonb,
	"raw_reply" text,
	"attempts" integer NOT NULL,
	"latency_ms" integer,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"researcher_id" uuid NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"base_url" text NOT NULL,
	"model" text NOT NULL,
	"api_key_enc" text,
	"api_key_env" text,
	"api_key_hint" text,
	"temperature" real DEFAULT 0 NOT NULL,
	"concurrency" integer DEFAULT 4 NOT NULL,
	"max_retries" integer DEFAULT 2 NOT NULL,
	"timeout_ms" integer DEFAULT 60000 NOT NULL,
	"prompt" text NOT NULL,
	"seed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "judgments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trial_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"answer_position" text NOT NULL,
	"answer" text NOT NULL,
	"payload" jsonb,
	"time_on_item_ms" integer,
	"listened_ms" integer,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"prolific_pid" text,
	"prolific_study_id" text,
	"prolific_session_id" text,
	"seed" text NOT NULL,
	"expertise" text,
	"status" text DEFAULT 'joined' NOT NULL,
	"consented_at" timestamp with time zone,
	"instructions_read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "researchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"researcher_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"config" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "trials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"system_order" jsonb NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shown_at" timestamp with time zone,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_audio_hash_audio_files_hash_fk" FOREIGN KEY ("audio_hash") REFERENCES "public"."audio_files"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_results" ADD CONSTRAINT "judge_results_run_id_judge_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."judge_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_results" ADD CONSTRAINT "judge_results_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_runs" ADD CONSTRAINT "judge_runs_researcher_id_researchers_id_fk" FOREIGN KEY ("researcher_id") REFERENCES "public"."researchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_trial_id_trials_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."trials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studies" ADD CONSTRAINT "studies_researcher_id_researchers_id_fk" FOREIGN KEY ("researcher_id") REFERENCES "public"."researchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "candidates_item_system_uq" ON "candidates" USING btree ("item_id","system");--> statement-breakpoint
CREATE UNIQUE INDEX "items_study_external_uq" ON "items" USING btree ("study_id","external_id");--> statement-breakpoint
CREATE INDEX "items_study_idx" ON "items" USING btree ("study_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judge_results_run_item_uq" ON "judge_results" USING btree ("run_id","item_id");--> statement-breakpoint
CREATE INDEX "judge_runs_study_idx" ON "judge_runs" USING btree ("study_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judgments_trial_uq" ON "judgments" USING btree ("trial_id");--> statement-breakpoint
CREATE INDEX "judgments_study_idx" ON "judgments" USING btree ("study_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_token_uq" ON "participants" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_study_pid_uq" ON "participants" USING btree ("study_id","prolific_pid") WHERE "participants"."prolific_pid" is not null;--> statement-breakpoint
CREATE INDEX "participants_study_idx" ON "participants" USING btree ("study_id");--> statement-breakpoint
CREATE UNIQUE INDEX "researchers_email_uq" ON "researchers" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "studies_slug_uq" ON "studies" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "studies_researcher_idx" ON "studies" USING btree ("researcher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trials_participant_round_live_uq" ON "trials" USING btree ("participant_id","round") WHERE "trials"."released_at" is null;--> statement-breakpoint
CREATE INDEX "trials_study_item_idx" ON "trials" USING btree ("study_id","item_id");