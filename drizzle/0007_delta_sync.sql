CREATE TABLE "sync_stage_ids" (
	"external_id" text NOT NULL
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
DROP INDEX "sync_runs_slot_key";--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "delta_schedule" text DEFAULT '*/30 * * * *' NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "requested_mode" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "mode" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "fallback_reason" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "delta_method" text;--> statement-breakpoint
ALTER TABLE "sync_watermarks" ADD CONSTRAINT "sync_watermarks_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_slot_key" ON "sync_runs" USING btree ("integration_id","slot",coalesce("requested_mode", '')) WHERE slot is not null;