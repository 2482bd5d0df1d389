ALTER TABLE "plan_adjustments" ADD COLUMN "meeting" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_adjustments" ADD COLUMN "decided_on" text NOT NULL;