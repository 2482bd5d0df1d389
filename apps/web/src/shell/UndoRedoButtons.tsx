import { useEffect } from 'react';
import { Button, Space, Tooltip } from 'antd';
import RedoOutlined from '@ant-design/icons/RedoOutlined';
import UndoOutlined from '@ant-design/icons/UndoOutlined';
import { usePlanAccess } from '../access/PlanAccessContext';
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

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo the local changes of the open plan (when it may be written). */
function useUndoShortcuts(session: PlanSession | null, canWrite: boolean): void {
  useEffect(() => {
    if (!session || !canWrite) return;
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
  }, [session, canWrite]);
}

function UndoRedo({ session }: { session: PlanSession }) {
  const t = useT();
  const { canWrite, readOnlyHint } = usePlanAccess();
  const { canUndo, canRedo } = useStore(session.undo);
  return (
    <Space.Compact>
      <Tooltip title={canWrite ? t('undo.undoShortcut') : readOnlyHint}>
        <Button
          icon={<UndoOutlined />}
          aria-label={t('undo.undo')}
          disabled={!canWrite || !canUndo}
          onClick={() => session.undoManager.undo()}
          data-testid="undo"
        />
      </Tooltip>
      <Tooltip title={canWrite ? t('undo.redoShortcut') : readOnlyHint}>
        <Button
          icon={<RedoOutlined />}
          aria-label={t('undo.redo')}
          disabled={!canWrite || !canRedo}
          onClick={() => session.undoManager.redo()}
          data-testid="redo"
        />
      </Tooltip>
    </Space.Compact>
  );
}

/** Undo and redo buttons of the open plan (local changes only), with their keyboard shortcuts. */
export function UndoRedoButtons() {
  const session = usePlanSession();
  const { canWrite } = usePlanAccess();
  useUndoShortcuts(session, canWrite);
  return session ? <UndoRedo session={session} /> : null;
}
