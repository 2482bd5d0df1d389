CREATE TABLE `doc_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`state` blob NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `doc_versions_plan_id_idx` ON `doc_versions` (`plan_id`);--> statement-breakpoint
CREATE TABLE `plan_adjustments` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`reason` text NOT NULL,
	`decided_by` text NOT NULL,
	`meeting` text DEFAULT '' NOT NULL,
	`decided_on` text NOT NULL,
	`state` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`summary` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_adjustments_plan_id_idx` ON `plan_adjustments` (`plan_id`);--> statement-breakpoint
CREATE TABLE `plan_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`actor_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_transitions_plan_id_id_idx` ON `plan_transitions` (`plan_id`,`id`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`title` text NOT NULL,
	`reason` text NOT NULL,
	`problem` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`submitter_kind` text NOT NULL,
	`source` text NOT NULL,
	`submitted_by` text,
	`state` text NOT NULL,
	`rank` integer,
	`merged_into` text,
	`topic_id` text,
	`decision_reason` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposals_plan_id_idx` ON `proposals` (`plan_id`);--> statement-breakpoint
CREATE TABLE `rectification_items` (
	`plan_id` text NOT NULL,
	`topic_id` text NOT NULL,
	`item_id` text NOT NULL,
	`org_id` text NOT NULL,
	`position` integer NOT NULL,
	`content` text NOT NULL,
	`responsible_body` text NOT NULL,
	`deadline` text,
	`state` text NOT NULL,
	`rating` text,
	`closed_at` integer,
	`closed_by` text NOT NULL,
	PRIMARY KEY(`plan_id`, `topic_id`, `item_id`)
);
--> statement-breakpoint
CREATE INDEX `rectification_items_org_id_idx` ON `rectification_items` (`org_id`);--> statement-breakpoint
CREATE TABLE `step_templates` (
	`org_id` text NOT NULL,
	`method` text NOT NULL,
	`template` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`org_id`, `method`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `topic_steps` (
	`plan_id` text NOT NULL,
	`topic_id` text NOT NULL,
	`step_id` text NOT NULL,
	`position` integer NOT NULL,
	`template_key` text NOT NULL,
	`title` text NOT NULL,
	`state` text NOT NULL,
	`date` text,
	`due_date` text,
	`owner` text NOT NULL,
	PRIMARY KEY(`plan_id`, `topic_id`, `step_id`)
);
--> statement-breakpoint
CREATE TABLE `topics` (
	`plan_id` text NOT NULL,
	`topic_id` text NOT NULL,
	`org_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`method` text NOT NULL,
	`supervised_body` text NOT NULL,
	`lead_committee` text NOT NULL,
	`reporting_unit` text NOT NULL,
	`month` integer,
	`session` integer,
	`archived` integer NOT NULL,
	`fields` text NOT NULL,
	PRIMARY KEY(`plan_id`, `topic_id`)
);
--> statement-breakpoint
CREATE INDEX `topics_org_id_idx` ON `topics` (`org_id`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `settings` text DEFAULT '{}' NOT NULL;