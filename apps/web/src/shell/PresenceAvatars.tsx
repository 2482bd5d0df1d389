import { useState } from 'react';
import { Avatar, Button, Input, Popover, Space, Tooltip } from 'antd';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { USER_NAME_MAX, type LocalUser } from '../identity/localUser';
import { useT } from '../i18n/I18nProvider';
import { avatarText } from './avatarText';

/** Most avatars shown before the rest collapse into "+N". */
const MAX_AVATARS = 6;

function RenameForm({
  user,
  onRename,
  onDone,
}: {
  user: LocalUser;
  onRename: (name: string) => void;
  onDone: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(user.name);
  const submit = () => {
    onRename(name);
    onDone();
  };
  return (
    <Space.Compact>
      <Input
        autoFocus
        aria-label={t('presence.nameLabel')}
        placeholder={t('presence.namePlaceholder')}
        maxLength={USER_NAME_MAX}
        value={name}
        onChange={(event) => setName(event.target.value)}
        onPressEnter={submit}
      />
      <Button type="primary" onClick={submit} disabled={!name.trim()}>
        {t('presence.save')}
      </Button>
    </Space.Compact>
  );
}

function SelfAvatar({ user, onRename }: { user: LocalUser; onRename: (name: string) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('presence.editName')}
      content={<RenameForm user={user} onRename={onRename} onDone={() => setOpen(false)} />}
    >
      <Tooltip title={t('presence.you', { name: user.name })}>
        <button
          type="button"
          className="avatar-button"
          data-testid="presence-self"
          aria-label={`${t('presence.you', { name: user.name })} · ${t('presence.editName')}`}
        >
          <Avatar size="small" style={{ backgroundColor: user.color }}>
            {avatarText(user.name)}
          </Avatar>
        </button>
      </Tooltip>
    </Popover>
  );
}

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

/** Me (click to rename) and the others who have this plan open, from awareness. */
export function PresenceAvatars({ user, onRename }: { user: LocalUser; onRename: (name: string) => void }) {
  const t = useT();
  const session = usePlanSession();
  return (
    <div className="presence" role="group" aria-label={t('presence.label')}>
      <SelfAvatar user={user} onRename={onRename} />
      {session ? <Peers session={session} /> : null}
    </div>
  );
}
