CREATE TYPE "public"."integration_kind" AS ENUM('active_directory', 'openldap', 'domino', 'google_secure_ldap', 'ldap');--> statement-breakpoint
CREATE TYPE "public"."integration_state" AS ENUM('enabled', 'disabled', 'error');--> statement-breakpoint
CREATE TYPE "public"."tls_mode" AS ENUM('ldaps', 'starttls', 'none');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"deletion_threshold_count" integer NOT NULL,
	"deletion_threshold_percent" integer NOT NULL,
	"lingering_hours" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accounts_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"outcome" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "integration_kind" NOT NULL,
	"urls" text[] NOT NULL,
	"tls_mode" "tls_mode" NOT NULL,
	"ca_pem" text,
	"client_cert_pem" text,
	"client_key_sealed" text,
	"bind_dn" text NOT NULL,
	"bind_password_sealed" text NOT NULL,
	"base_dns" text[] NOT NULL,
	"user_filter" text NOT NULL,
	"group_filter" text NOT NULL,
	"attributes" jsonb NOT NULL,
	"schedule" text NOT NULL,
	"state" "integration_state" NOT NULL,
	"state_changed_at" timestamp with time zone NOT NULL,
	"state_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_account_id_idx" ON "audit_log" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_account_target_idx" ON "audit_log" USING btree ("account_id","target","id");--> statement-breakpoint
CREATE UNIQUE INDEX "integrations_account_name_key" ON "integrations" USING btree ("account_id","name");