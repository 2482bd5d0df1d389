import { useCallback, useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { loadLocalUser, saveLocalUser, USER_NAME_MAX, type LocalUser } from './localUser';

/** This browser's user (a stored guest until sign-in exists) and a way to rename it. */
export function useLocalUser(): { user: LocalUser; rename: (name: string) => void } {
  const t = useT();
  const [user, setUser] = useState(() => loadLocalUser(t('presence.guest')));
  const rename = useCallback((name: string) => {
    const trimmed = name.trim().slice(0, USER_NAME_MAX);
    if (!trimmed) return;
    setUser((current) => {
      const next = { ...current, name: trimmed };
      saveLocalUser(next);
      return next;
    });
  }, []);
  return { user, rename };
}
