CREATE TABLE `meeting_agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`plan_id` text,
	`topic_id` text,
	`title` text NOT NULL,
	`timer_duration_ms` integer DEFAULT 0 NOT NULL,
	`timer_elapsed_ms` integer DEFAULT 0 NOT NULL,
	`timer_running_since` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_agenda_items_meeting_id_idx` ON `meeting_agenda_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE INDEX `meeting_agenda_items_plan_id_idx` ON `meeting_agenda_items` (`plan_id`);--> statement-breakpoint
CREATE TABLE `meeting_ballots` (
	`vote_id` text NOT NULL,
	`user_id` text NOT NULL,
	`ballot` text,
	PRIMARY KEY(`vote_id`, `user_id`),
	FOREIGN KEY (`vote_id`) REFERENCES `meeting_votes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`assignee` text,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_decisions_meeting_id_idx` ON `meeting_decisions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meeting_hands` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`raised_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_members` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_members_user_id_idx` ON `meeting_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `meeting_vote_tallies` (
	`vote_id` text NOT NULL,
	`option_key` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`vote_id`, `option_key`),
	FOREIGN KEY (`vote_id`) REFERENCES `meeting_votes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_votes` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`spec` text NOT NULL,
	`status` text NOT NULL,
	`eligible_count` integer NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_votes_meeting_id_idx` ON `meeting_votes` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`focus_item_id` text,
	`focus_seq` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_org_id_idx` ON `meetings` (`org_id`);