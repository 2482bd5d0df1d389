import { useEffect, useState } from 'react';
import type { Topic } from '@yipan/domain';
import { useOpenPlanSession } from '../collab/PlanSessionContext';
import type { ConnectionState } from '../collab/connectionStore';
import { useMe } from '../identity/MeContext';
import { userColor } from '../identity/userColor';

/** A topic as the plan's shared document has it now, and whether the document has arrived. */
export type AgendaTopic = { topic: Topic | null; connection: ConnectionState };

const CONNECTING: ConnectionState = { status: 'connecting', everSynced: false };

/**
 * Reads one topic live from its plan's document (the same sync as the board, read only: nothing is ever
 * written), so the room shows what the plan says this minute. The plan's document stays open while items of
 * the same plan follow one another.
 */
export function useAgendaTopic(planId: string | null, topicId: string | null): AgendaTopic {
  const me = useMe();
  const session = useOpenPlanSession(planId, { name: me.user.displayName, color: userColor(me.user.id) });
  const [value, setValue] = useState<AgendaTopic>({ topic: null, connection: CONNECTING });

  useEffect(() => {
    if (!session || !topicId) {
      setValue({ topic: null, connection: CONNECTING });
      return;
    }
    const read = () =>
      setValue({
        topic: session.topics.get().find((candidate) => candidate.id === topicId) ?? null,
        connection: session.connection.get(),
      });
    read();
    const stopTopics = session.topics.subscribe(read);
    const stopConnection = session.connection.subscribe(read);
    return () => {
      stopTopics();
      stopConnection();
    };
  }, [session, topicId]);
  return value;
}
