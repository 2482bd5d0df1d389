import { Tooltip } from 'antd';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import type { PresenceUser } from '../collab/presenceStore';
import { useT } from '../i18n/I18nProvider';
import { InitialsBadge } from './InitialsBadge';

/** Most avatars shown before the rest collapse into "+N". */
const MAX_AVATARS = 6;

function Peers({ session }: { session: PlanSession }) {
  const t = useT();
  const peers = useStore(session.peers);
  const shown = peers.slice(0, MAX_AVATARS);
  const rest = peers.slice(MAX_AVATARS);
  const restLabel = t('presence.more', {
    count: rest.length,
    names: rest.map((peer) => peer.name).join('、'),
  });
  return (
    <>
      {shown.map((peer) => (
        <Tooltip key={peer.clientId} title={peer.name}>
          <span
            className="peer-avatar"
            data-testid="presence-avatar"
            data-name={peer.name}
            role="img"
            aria-label={peer.name}
          >
            <InitialsBadge name={peer.name} color={peer.color} />
          </span>
        </Tooltip>
      ))}
      {rest.length > 0 ? (
        <Tooltip title={restLabel}>
          <span className="peer-avatar" data-testid="presence-more" role="img" aria-label={restLabel}>
            <span className="initials-badge presence-more" aria-hidden="true">
              +{rest.length}
            </span>
          </span>
        </Tooltip>
      ) : null}
    </>
  );
}

/** Me and the others who have this plan open, from awareness (names are the signed-in display names). */
export function PresenceAvatars({ user }: { user: PresenceUser }) {
  const t = useT();
  const session = usePlanSession();
  if (!session) return null;
  const self = t('presence.you', { name: user.name });
  return (
    <div className="presence" role="group" aria-label={t('presence.label')}>
      <Tooltip title={self}>
        <span
          className="peer-avatar"
          data-testid="presence-self"
          data-name={user.name}
          role="img"
          aria-label={self}
        >
          <InitialsBadge name={user.name} color={user.color} />
        </span>
      </Tooltip>
      <Peers session={session} />
    </div>
  );
}
