import { TOPIC_DEFAULTS, type Topic } from '../planDoc';

/** A topic as read from a plan, titled `议题 <id>`, with defaults for everything `patch` leaves out. */
export function topic(id: string, patch: Partial<Topic> = {}): Topic {
  return {
    ...TOPIC_DEFAULTS,
    title: `议题 ${id}`,
    id,
    order: 'a0',
    archived: false,
    createdAt: 0,
    createdBy: 'u',
    notes: '',
    ...patch,
  };
}
