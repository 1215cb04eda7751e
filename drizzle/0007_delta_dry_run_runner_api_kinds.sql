CREATE TYPE "public"."preview_section" AS ENUM('added', 'updated', 'restored', 'applied', 'held', 'awaiting_approval');--> statement-breakpoint
CREATE TYPE "public"."run_runner" AS ENUM('server', 'agent', 'cli', 'worker');--> statement-breakpoint
ALTER TYPE "public"."integration_kind" ADD VALUE 'entra_id';--> statement-breakpoint
ALTER TYPE "public"."integration_kind" ADD VALUE 'google_workspace';--> statement-breakpoint
CREATE TABLE "sync_stage_ids" (
	"external_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_run_previews" (
	"run_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"section" "preview_section" NOT NULL,
	"kind" "change_kind",
	"name" text,
	"dn" text NOT NULL,
	"group_name" text,
	CONSTRAINT "sync_run_previews_run_id_section_position_pk" PRIMARY KEY("run_id","section","position")
);
--> statement-breakpoint
CREATE TABLE "sync_watermarks" (
	"integration_id" uuid PRIMARY KEY NOT NULL,
	"mark" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"last_full_at" timestamp with time zone,
	"run_id" bigint
);
--> statement-breakpoint
DROP INDEX "sync_runs_one_active_key";--> statement-breakpoint
DROP INDEX "sync_runs_slot_key";--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "delta_schedule" text DEFAULT '*/30 * * * *' NOT NULL;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "api" jsonb;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "dry_run" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "runner" "run_runner";--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "requested_mode" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "mode" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "fallback_reason" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "delta_method" text;--> statement-breakpoint
ALTER TABLE "sync_run_previews" ADD CONSTRAINT "sync_run_previews_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_watermarks" ADD CONSTRAINT "sync_watermarks_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active_key" ON "sync_runs" USING btree ("integration_id","dry_run") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_slot_key" ON "sync_runs" USING btree ("integration_id","slot",coalesce("requested_mode", '')) WHERE slot is not null;