ALTER TABLE `plan_adjustments` ADD `meeting` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `plan_adjustments` ADD `decided_on` text NOT NULL;