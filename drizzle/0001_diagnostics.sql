CREATE TABLE "integration_tests" (
	"integration_id" uuid PRIMARY KEY NOT NULL,
	"tested_at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"ok" boolean NOT NULL,
	"failure_class" text,
	"failure_reason" text,
	"certificate_not_after" timestamp with time zone,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "connect_timeout_ms" integer DEFAULT 5000 NOT NULL;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "operation_timeout_ms" integer DEFAULT 15000 NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_tests" ADD CONSTRAINT "integration_tests_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;