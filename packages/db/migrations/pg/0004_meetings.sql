CREATE TABLE "meeting_agenda_items" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"plan_id" text,
	"topic_id" text,
	"title" text NOT NULL,
	"timer_duration_ms" integer DEFAULT 0 NOT NULL,
	"timer_elapsed_ms" integer DEFAULT 0 NOT NULL,
	"timer_running_since" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_ballots" (
	"vote_id" text NOT NULL,
	"user_id" text NOT NULL,
	"ballot" text,
	CONSTRAINT "meeting_ballots_vote_id_user_id_pk" PRIMARY KEY("vote_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"item_id" text NOT NULL,
	"kind" text NOT NULL,
	"assignee" text,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_hands" (
	"meeting_id" text NOT NULL,
	"user_id" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meeting_hands_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_members" (
	"meeting_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "meeting_members_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_vote_tallies" (
	"vote_id" text NOT NULL,
	"option_key" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "meeting_vote_tallies_vote_id_option_key_pk" PRIMARY KEY("vote_id","option_key")
);
--> statement-breakpoint
CREATE TABLE "meeting_votes" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"spec" text NOT NULL,
	"status" text NOT NULL,
	"eligible_count" integer NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"focus_item_id" text,
	"focus_seq" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_ballots" ADD CONSTRAINT "meeting_ballots_vote_id_meeting_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."meeting_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_hands" ADD CONSTRAINT "meeting_hands_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_members" ADD CONSTRAINT "meeting_members_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_members" ADD CONSTRAINT "meeting_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_vote_tallies" ADD CONSTRAINT "meeting_vote_tallies_vote_id_meeting_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."meeting_votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_votes" ADD CONSTRAINT "meeting_votes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_agenda_items_meeting_id_idx" ON "meeting_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_agenda_items_plan_id_idx" ON "meeting_agenda_items" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "meeting_decisions_meeting_id_idx" ON "meeting_decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_members_user_id_idx" ON "meeting_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "meeting_votes_meeting_id_idx" ON "meeting_votes" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meetings_org_id_idx" ON "meetings" USING btree ("org_id");