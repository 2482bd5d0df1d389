import type { TimerState } from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import { timerDisplay } from './timerText';

/** An agenda item's timer at server time `now`: time left, or 超时 and how far over. */
export function MeetingTimer({
  timer,
  now,
  className,
}: {
  timer: TimerState;
  now: number;
  className?: string;
}) {
  const { t } = useI18n();
  const display = timerDisplay(timer, now);
  const state = display.overrun ? 'overrun' : display.running ? 'running' : 'paused';
  return (
    <span
      className={`meeting-timer meeting-timer-${state} ${className ?? ''}`}
      data-testid="meeting-timer"
      data-state={state}
      // Screen readers hear it when asked, not every quarter second.
      aria-label={
        display.overrun
          ? t('meetings.timer.overrunLabel', { time: display.text })
          : t('meetings.timer.leftLabel', { time: display.text })
      }
      role="timer"
    >
      {display.overrun ? <span className="meeting-timer-over">{t('meetings.timer.overrun')}</span> : null}
      {display.text}
    </span>
  );
}
