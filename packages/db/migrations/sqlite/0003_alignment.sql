CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`plan_id` text,
	`detail` text DEFAULT '{}' NOT NULL,
	`dedupe_key` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_id_id_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_user_dedupe_idx` ON `notifications` (`user_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `plan_declines` (
	`plan_id` text NOT NULL,
	`org_id` text NOT NULL,
	`parent_plan_id` text NOT NULL,
	`parent_topic_id` text NOT NULL,
	`reason` text NOT NULL,
	`declined_by` text NOT NULL,
	`declined_at` integer NOT NULL,
	PRIMARY KEY(`plan_id`, `parent_plan_id`, `parent_topic_id`)
);
--> statement-breakpoint
CREATE INDEX `plan_declines_parent_plan_id_idx` ON `plan_declines` (`parent_plan_id`);--> statement-breakpoint
CREATE TABLE `plan_reads` (
	`plan_id` text NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`plan_id`, `org_id`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `topic_expectations` (
	`plan_id` text NOT NULL,
	`topic_id` text NOT NULL,
	`child_org_id` text NOT NULL,
	`level` text NOT NULL,
	`needed_by` text,
	PRIMARY KEY(`plan_id`, `topic_id`, `child_org_id`)
);
--> statement-breakpoint
CREATE INDEX `topic_expectations_child_org_id_idx` ON `topic_expectations` (`child_org_id`);--> statement-breakpoint
CREATE TABLE `topic_links` (
	`plan_id` text NOT NULL,
	`topic_id` text NOT NULL,
	`org_id` text NOT NULL,
	`position` integer NOT NULL,
	`parent_plan_id` text,
	`parent_topic_id` text,
	`mode` text NOT NULL,
	`contributes` integer NOT NULL,
	`is_primary` integer NOT NULL,
	`external` text,
	`seen` text,
	PRIMARY KEY(`plan_id`, `topic_id`, `position`)
);
--> statement-breakpoint
CREATE INDEX `topic_links_parent_plan_id_idx` ON `topic_links` (`parent_plan_id`);--> statement-breakpoint
ALTER TABLE `topics` ADD `session_date` text;--> statement-breakpoint
ALTER TABLE `topics` ADD `joint` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The projection gained session dates, links, expectations and declines: empty it so the server rebuilds it from the documents on start.
DELETE FROM `topics`;