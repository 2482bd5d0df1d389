import { Tag } from 'antd';
import { idleTimer, type TimerState } from '@yipan/domain';
import type { AgendaItem } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { MeetingTimer } from './MeetingTimer';

type Props = {
  agenda: AgendaItem[];
  focusItemId: string | null;
  viewedItemId: string | null;
  timers: Record<string, TimerState>;
  now: number;
  onSelect: (itemId: string) => void;
};

/** The agenda: the item under discussion marked 正在讨论, the one on screen highlighted, each with its timer. */
export function AgendaPanel({ agenda, focusItemId, viewedItemId, timers, now, onSelect }: Props) {
  const { t } = useI18n();
  return (
    <nav className="meeting-panel meeting-agenda" aria-labelledby="meeting-agenda-title">
      <h2 id="meeting-agenda-title">{t('meetings.agenda.heading')}</h2>
      {agenda.length === 0 ? <p className="meeting-muted">{t('meetings.agenda.empty')}</p> : null}
      <ol>
        {agenda.map((item, index) => {
          const focused = item.id === focusItemId;
          const viewing = item.id === viewedItemId;
          const timer = timers[item.id] ?? item.timer ?? idleTimer(0);
          return (
            <li key={item.id}>
              <button
                type="button"
                className={`meeting-agenda-item ${focused ? 'is-focused' : ''} ${viewing ? 'is-viewing' : ''}`}
                aria-current={viewing ? 'true' : undefined}
                onClick={() => onSelect(item.id)}
                data-testid="agenda-item"
                data-title={item.title}
                data-focused={focused ? 'true' : 'false'}
                data-viewing={viewing ? 'true' : 'false'}
              >
                <span className="meeting-agenda-order">{index + 1}</span>
                <span className="meeting-agenda-text">
                  <span className="meeting-agenda-title">{item.title}</span>
                  <span className="meeting-agenda-meta">
                    {focused ? <Tag color="red">{t('meetings.agenda.focused')}</Tag> : null}
                    {item.orgName ? <span className="meeting-muted">{item.orgName}</span> : null}
                    {timer.durationMs > 0 ? <MeetingTimer timer={timer} now={now} /> : null}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
