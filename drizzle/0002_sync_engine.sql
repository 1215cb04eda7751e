CREATE TYPE "public"."address_type" AS ENUM('directory', 'message_in_transit');--> statement-breakpoint
CREATE TYPE "public"."approval_kind" AS ENUM('delete_integration', 'apply_batch');--> statement-breakpoint
CREATE TYPE "public"."approval_status" AS ENUM('pending', 'approved', 'rejected', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."change_kind" AS ENUM('remove_membership', 'change_address_type', 'delete_user', 'purge_user');--> statement-breakpoint
CREATE TYPE "public"."change_status" AS ENUM('held', 'awaiting_approval', 'applied', 'superseded', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."group_status" AS ENUM('active', 'missing');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."run_trigger" AS ENUM('schedule', 'manual', 'sync_all');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('active', 'deleted');--> statement-breakpoint
CREATE TABLE "approval_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" "approval_kind" NOT NULL,
	"integration_id" uuid NOT NULL,
	"status" "approval_status" NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"note" text,
	"impact" jsonb NOT NULL,
	"run_id" bigint
);
--> statement-breakpoint
CREATE TABLE "directory_addresses" (
	"account_id" uuid NOT NULL,
	"user_id" bigint NOT NULL,
	"address" text NOT NULL,
	"is_primary" boolean NOT NULL,
	CONSTRAINT "directory_addresses_account_id_address_pk" PRIMARY KEY("account_id","address")
);
--> statement-breakpoint
CREATE TABLE "directory_groups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"dn" text NOT NULL,
	"name" text NOT NULL,
	"status" "group_status" NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_memberships" (
	"group_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "directory_memberships_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "directory_users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"dn" text NOT NULL,
	"display_name" text,
	"primary_email" text,
	"address_type" "address_type" NOT NULL,
	"status" "user_status" NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"address_type_changed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pending_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"kind" "change_kind" NOT NULL,
	"user_id" bigint,
	"group_id" bigint,
	"status" "change_status" NOT NULL,
	"blocked_by" text[] DEFAULT '{}'::text[] NOT NULL,
	"approved" boolean DEFAULT false NOT NULL,
	"approval_request_id" bigint,
	"derived_run_id" bigint,
	"applied_run_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"held_since" timestamp with time zone,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_stage_addresses" (
	"external_id" text NOT NULL,
	"address" text NOT NULL,
	"is_primary" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_stage_groups" (
	"external_id" text NOT NULL,
	"dn" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_stage_members" (
	"group_external_id" text NOT NULL,
	"member_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_stage_users" (
	"external_id" text NOT NULL,
	"dn" text NOT NULL,
	"dn_key" text NOT NULL,
	"display_name" text,
	"primary_email" text,
	"disabled" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"trigger" "run_trigger" NOT NULL,
	"actor" text NOT NULL,
	"status" "run_status" NOT NULL,
	"slot" timestamp with time zone,
	"accept_drop" boolean DEFAULT false NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"attempt" integer DEFAULT 0 NOT NULL,
	"entries_read" integer DEFAULT 0 NOT NULL,
	"counts" jsonb,
	"destructive" jsonb,
	"blocked_by" text[],
	"approval_request_id" bigint,
	"duplicates" jsonb,
	"failure" jsonb,
	"error" text,
	"certificate" jsonb
);
--> statement-breakpoint
DROP INDEX "integrations_account_name_key";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "mit_retention_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "purge_retention_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "acknowledge_disabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_changes" ADD CONSTRAINT "pending_changes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_changes" ADD CONSTRAINT "pending_changes_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_requests_one_pending_key" ON "approval_requests" USING btree ("integration_id","kind") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "approval_requests_account_idx" ON "approval_requests" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_groups_source_key" ON "directory_groups" USING btree ("integration_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_users_source_key" ON "directory_users" USING btree ("integration_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pending_changes_open_key" ON "pending_changes" USING btree ("kind","user_id",coalesce("group_id", 0)) WHERE status in ('held', 'awaiting_approval');--> statement-breakpoint
CREATE INDEX "pending_changes_integration_idx" ON "pending_changes" USING btree ("integration_id","status");--> statement-breakpoint
CREATE INDEX "pending_changes_account_idx" ON "pending_changes" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active_key" ON "sync_runs" USING btree ("integration_id") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_slot_key" ON "sync_runs" USING btree ("integration_id","slot") WHERE slot is not null;--> statement-breakpoint
CREATE INDEX "sync_runs_claim_idx" ON "sync_runs" USING btree ("status","queued_at");--> statement-breakpoint
CREATE INDEX "sync_runs_history_idx" ON "sync_runs" USING btree ("integration_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "integrations_account_name_key" ON "integrations" USING btree ("account_id","name") WHERE deleted_at is null;