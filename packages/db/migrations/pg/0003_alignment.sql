CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"plan_id" text,
	"detail" text DEFAULT '{}' NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_declines" (
	"plan_id" text NOT NULL,
	"org_id" text NOT NULL,
	"parent_plan_id" text NOT NULL,
	"parent_topic_id" text NOT NULL,
	"reason" text NOT NULL,
	"declined_by" text NOT NULL,
	"declined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_declines_plan_id_parent_plan_id_parent_topic_id_pk" PRIMARY KEY("plan_id","parent_plan_id","parent_topic_id")
);
--> statement-breakpoint
CREATE TABLE "plan_reads" (
	"plan_id" text NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_reads_plan_id_org_id_pk" PRIMARY KEY("plan_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "topic_expectations" (
	"plan_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"child_org_id" text NOT NULL,
	"level" text NOT NULL,
	"needed_by" text,
	CONSTRAINT "topic_expectations_plan_id_topic_id_child_org_id_pk" PRIMARY KEY("plan_id","topic_id","child_org_id")
);
--> statement-breakpoint
CREATE TABLE "topic_links" (
	"plan_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"org_id" text NOT NULL,
	"position" integer NOT NULL,
	"parent_plan_id" text,
	"parent_topic_id" text,
	"mode" text NOT NULL,
	"contributes" integer NOT NULL,
	"is_primary" integer NOT NULL,
	"external" text,
	"seen" text,
	CONSTRAINT "topic_links_plan_id_topic_id_position_pk" PRIMARY KEY("plan_id","topic_id","position")
);
--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "session_date" text;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "joint" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reads" ADD CONSTRAINT "plan_reads_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_id_id_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_dedupe_idx" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "plan_declines_parent_plan_id_idx" ON "plan_declines" USING btree ("parent_plan_id");--> statement-breakpoint
CREATE INDEX "topic_expectations_child_org_id_idx" ON "topic_expectations" USING btree ("child_org_id");--> statement-breakpoint
CREATE INDEX "topic_links_parent_plan_id_idx" ON "topic_links" USING btree ("parent_plan_id");--> statement-breakpoint
-- The projection gained session dates, links, expectations and declines: empty it so the server rebuilds it from the documents on start.
DELETE FROM "topics";