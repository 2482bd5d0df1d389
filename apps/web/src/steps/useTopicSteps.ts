import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readSteps, type TopicStep } from '@yipan/domain';

/**
 * A topic's steps as read from the shared document, re-read whenever anyone changes it; updates that did not
 * touch these steps keep the same array, so a board of many cards does not re-render on every keystroke.
 */
export function useTopicSteps(doc: Y.Doc, topicId: string): TopicStep[] {
  const [steps, setSteps] = useState(() => readSteps(doc, topicId));
  useEffect(() => {
    let last = '';
    const refresh = () => {
      const next = readSteps(doc, topicId);
      const key = JSON.stringify(next);
      if (key === last) return;
      last = key;
      setSteps(next);
    };
    refresh();
    doc.on('update', refresh);
    return () => doc.off('update', refresh);
  }, [doc, topicId]);
  return steps;
}
