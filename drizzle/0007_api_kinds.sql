ALTER TYPE "public"."integration_kind" ADD VALUE 'entra_id';--> statement-breakpoint
ALTER TYPE "public"."integration_kind" ADD VALUE 'google_workspace';--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "api" jsonb;