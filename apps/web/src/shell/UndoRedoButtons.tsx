import { useEffect } from 'react';
import { Button, Space, Tooltip } from 'antd';
import RedoOutlined from '@ant-design/icons/RedoOutlined';
import UndoOutlined from '@ant-design/icons/UndoOutlined';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { useT } from '../i18n/I18nProvider';

/** Text fields keep their own native undo; the plan's undo applies everywhere else. */
function isTextEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
  );
}

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo the local changes of the open plan. */
function useUndoShortcuts(session: PlanSession | null): void {
  useEffect(() => {
    if (!session) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextEditing(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) session.undoManager.undo();
      else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey))
        session.undoManager.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session]);
}

function UndoRedo({ session }: { session: PlanSession }) {
  const t = useT();
  const { canUndo, canRedo } = useStore(session.undo);
  return (
    <Space.Compact>
      <Tooltip title={t('history.undoShortcut')}>
        <Button
          icon={<UndoOutlined />}
          aria-label={t('history.undo')}
          disabled={!canUndo}
          onClick={() => session.undoManager.undo()}
        />
      </Tooltip>
      <Tooltip title={t('history.redoShortcut')}>
        <Button
          icon={<RedoOutlined />}
          aria-label={t('history.redo')}
          disabled={!canRedo}
          onClick={() => session.undoManager.redo()}
        />
      </Tooltip>
    </Space.Compact>
  );
}

/** Undo and redo buttons of the open plan (local changes only), with their keyboard shortcuts. */
export function UndoRedoButtons() {
  const session = usePlanSession();
  useUndoShortcuts(session);
  return session ? <UndoRedo session={session} /> : null;
}
