CREATE TABLE "doc_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"state" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_adjustments" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" text NOT NULL,
	"meeting" text DEFAULT '' NOT NULL,
	"decided_on" text NOT NULL,
	"state" text NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"summary" text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"problem" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"submitter_kind" text NOT NULL,
	"source" text NOT NULL,
	"submitted_by" text,
	"state" text NOT NULL,
	"rank" integer,
	"merged_into" text,
	"topic_id" text,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_items" (
	"plan_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"item_id" text NOT NULL,
	"org_id" text NOT NULL,
	"position" integer NOT NULL,
	"content" text NOT NULL,
	"responsible_body" text NOT NULL,
	"deadline" text,
	"state" text NOT NULL,
	"rating" text,
	"closed_at" timestamp with time zone,
	"closed_by" text NOT NULL,
	CONSTRAINT "rectification_items_plan_id_topic_id_item_id_pk" PRIMARY KEY("plan_id","topic_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "step_templates" (
	"org_id" text NOT NULL,
	"method" text NOT NULL,
	"template" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "step_templates_org_id_method_pk" PRIMARY KEY("org_id","method")
);
--> statement-breakpoint
CREATE TABLE "topic_steps" (
	"plan_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"step_id" text NOT NULL,
	"position" integer NOT NULL,
	"template_key" text NOT NULL,
	"title" text NOT NULL,
	"state" text NOT NULL,
	"date" text,
	"due_date" text,
	"owner" text NOT NULL,
	CONSTRAINT "topic_steps_plan_id_topic_id_step_id_pk" PRIMARY KEY("plan_id","topic_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"plan_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"org_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"method" text NOT NULL,
	"supervised_body" text NOT NULL,
	"lead_committee" text NOT NULL,
	"reporting_unit" text NOT NULL,
	"month" integer,
	"session" integer,
	"archived" integer NOT NULL,
	"fields" text NOT NULL,
	CONSTRAINT "topics_plan_id_topic_id_pk" PRIMARY KEY("plan_id","topic_id")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "settings" text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "doc_versions" ADD CONSTRAINT "doc_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_adjustments" ADD CONSTRAINT "plan_adjustments_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_transitions" ADD CONSTRAINT "plan_transitions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doc_versions_plan_id_idx" ON "doc_versions" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_adjustments_plan_id_idx" ON "plan_adjustments" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_transitions_plan_id_id_idx" ON "plan_transitions" USING btree ("plan_id","id");--> statement-breakpoint
CREATE INDEX "proposals_plan_id_idx" ON "proposals" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "rectification_items_org_id_idx" ON "rectification_items" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "topics_org_id_idx" ON "topics" USING btree ("org_id");