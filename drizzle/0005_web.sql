CREATE TABLE "web_login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"login" text NOT NULL,
	"client" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "web_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"login" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"idle_expires_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "web_setup_tokens" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "web_users" (
	"account_id" uuid NOT NULL,
	"login" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"password_changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "web_users_account_id_login_pk" PRIMARY KEY("account_id","login")
);
--> statement-breakpoint
ALTER TABLE "web_login_failures" ADD CONSTRAINT "web_login_failures_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_sessions" ADD CONSTRAINT "web_sessions_account_id_login_web_users_account_id_login_fk" FOREIGN KEY ("account_id","login") REFERENCES "public"."web_users"("account_id","login") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_setup_tokens" ADD CONSTRAINT "web_setup_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_users" ADD CONSTRAINT "web_users_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "web_login_failures_login_idx" ON "web_login_failures" USING btree ("account_id","login","at");--> statement-breakpoint
CREATE INDEX "web_login_failures_client_idx" ON "web_login_failures" USING btree ("account_id","client","at");--> statement-breakpoint
CREATE INDEX "web_login_failures_at_idx" ON "web_login_failures" USING btree ("at");--> statement-breakpoint
CREATE INDEX "web_sessions_login_idx" ON "web_sessions" USING btree ("account_id","login");--> statement-breakpoint
CREATE INDEX "web_sessions_idle_expires_idx" ON "web_sessions" USING btree ("idle_expires_at");