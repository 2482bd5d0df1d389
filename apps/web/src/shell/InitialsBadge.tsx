import { avatarText } from './avatarText';

/**
 * A person's initials on their colour, in a circle (presence, the user menu, history). Not antd's Avatar:
 * that one measures its text after every mount to scale it, and the measurement forces a layout of the
 * whole page, a 500-topic board included, each time a collaborator's avatar appears. One or two
 * characters always fit the fixed size, so nothing needs measuring.
 */
export function InitialsBadge({ name, color }: { name: string; color: string }) {
  return (
    <span className="initials-badge" style={{ backgroundColor: color }} aria-hidden="true">
      {avatarText(name)}
    </span>
  );
}
