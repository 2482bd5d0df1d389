CREATE TABLE "disclosure_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"fields" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disclosure_settings" ADD CONSTRAINT "disclosure_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;