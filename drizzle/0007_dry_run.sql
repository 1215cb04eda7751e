CREATE TYPE "public"."preview_section" AS ENUM('added', 'updated', 'restored', 'applied', 'held', 'awaiting_approval');--> statement-breakpoint
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
DROP INDEX "sync_runs_one_active_key";--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "dry_run" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_run_previews" ADD CONSTRAINT "sync_run_previews_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active_key" ON "sync_runs" USING btree ("integration_id","dry_run") WHERE status in ('queued', 'running');