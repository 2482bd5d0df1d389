import { useEffect, useRef } from 'react';
import { App } from 'antd';
import { PlanResponse } from '@yipan/protocol';
import { fetchJson } from '../api/fetchJson';
import { invalidateRequests } from '../api/useRequest';
import { loadMe } from '../auth/authStore';
import type { ConnectionState } from '../collab/connectionStore';
import { createStore, useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { useT } from '../i18n/I18nProvider';

/** What the hook reads while no plan is open: one constant value, as useSyncExternalStore needs. */
const NO_CONNECTION = createStore<ConnectionState>({ status: 'connecting', everSynced: false });

/** Reconnects after a refusal (4403) at most this often per open plan: the REST answer and the sync server might disagree for a moment. */
const MAX_RECONNECTS = 3;

/**
 * Keeps the open plan's sync connection and its permissions in step when access changes while the
 * board is open: a 4403 close re-checks the plan over REST (read-only now? reconnect and show it;
 * no access at all? the plan view says so); a 4401 re-checks the session; write access granted again
 * reconnects, since the server never upgrades an open read-only connection. Tells the user either way.
 */
export function usePlanAccessSync(session: PlanSession | null, plan: PlanResponse['plan'] | null): void {
  const t = useT();
  const { message } = App.useApp();
  const status = useStore(session?.connection ?? NO_CONNECTION).status;
  const reconnects = useRef(0);
  const lastWrite = useRef<{ planId: string; write: boolean } | null>(null);

  useEffect(() => {
    reconnects.current = 0;
  }, [session]);

  useEffect(() => {
    if (!session) return;
    if (status === 'unauthenticated') {
      void loadMe();
      return;
    }
    if (status !== 'forbidden') return;
    const controller = new AbortController();
    fetchJson(`/api/plans/${encodeURIComponent(session.planId)}`, PlanResponse, controller.signal).then(
      ({ plan: fresh }) => {
        invalidateRequests();
        if (fresh.permissions.read && reconnects.current < MAX_RECONNECTS) {
          reconnects.current += 1;
          session.connect();
        }
      },
      () => {
        // 403 / 404: the refetch shows the plan view's own message.
        if (!controller.signal.aborted) invalidateRequests();
      },
    );
    return () => controller.abort();
  }, [session, status]);

  const planId = plan?.id ?? null;
  const write = plan?.permissions.write ?? null;
  useEffect(() => {
    if (!session || planId !== session.planId || write === null) return;
    const previous = lastWrite.current?.planId === planId ? lastWrite.current.write : null;
    lastWrite.current = { planId, write };
    if (previous === null || previous === write) return;
    if (write) {
      session.reconnect();
      void message.success(t('readOnly.nowWritable'));
    } else {
      void message.warning(t('readOnly.nowReadOnly'));
    }
  }, [session, planId, write, message, t]);
}
