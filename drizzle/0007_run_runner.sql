CREATE TYPE "public"."run_runner" AS ENUM('server', 'agent', 'cli', 'worker');--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "runner" "run_runner";