import type { TopicFields } from '@yipan/domain';

/** What the topic drawer is asked to show: a new topic (with fields preset, e.g. its column's month) or an existing one. */
export type EditorRequest =
  { mode: 'create'; preset: Partial<TopicFields> } | { mode: 'edit'; topicId: string };
