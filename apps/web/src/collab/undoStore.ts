import type * as Y from 'yjs';
import { createStore, type Store } from './createStore';

/** Whether there is anything to undo or redo. */
export type UndoState = { canUndo: boolean; canRedo: boolean };

/** Follows an UndoManager's stacks so buttons can be enabled and disabled. */
export function createUndoStore(undoManager: Y.UndoManager): Store<UndoState> & { destroy: () => void } {
  const read = () => ({ canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() });
  const store = createStore<UndoState>(read(), (a, b) => a.canUndo === b.canUndo && a.canRedo === b.canRedo);
  const onChange = () => store.set(read());
  const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
  for (const event of events) undoManager.on(event, onChange);
  return { ...store, destroy: () => events.forEach((event) => undoManager.off(event, onChange)) };
}
