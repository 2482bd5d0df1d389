import { Avatar, Tooltip } from 'antd';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import type { PresenceUser } from '../collab/presenceStore';
import { useT } from '../i18n/I18nProvider';
import { avatarText } from './avatarText';

/** Most avatars shown before the rest collapse into "+N". */
const MAX_AVATARS = 6;

function Peers({ session }: { session: PlanSession }) {
  const peers = useStore(session.peers);
  return (
    <Avatar.Group max={{ count: MAX_AVATARS }} size="small">
      {peers.map((peer) => (
        <Tooltip key={peer.clientId} title={peer.name}>
          <span
            className="peer-avatar"
            data-testid="presence-avatar"
            data-name={peer.name}
            role="img"
            aria-label={peer.name}
          >
            <Avatar size="small" style={{ backgroundColor: peer.color }}>
              {avatarText(peer.name)}
            </Avatar>
          </span>
        </Tooltip>
      ))}
    </Avatar.Group>
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
          <Avatar size="small" style={{ backgroundColor: user.color }}>
            {avatarText(user.name)}
          </Avatar>
        </span>
      </Tooltip>
      <Peers session={session} />
    </div>
  );
}
