import { useState } from 'react';
import { App, Button, Input, Space } from 'antd';
import PauseOutlined from '@ant-design/icons/PauseOutlined';
import CaretRightOutlined from '@ant-design/icons/CaretRightOutlined';
import UndoOutlined from '@ant-design/icons/UndoOutlined';
import type { TimerAction, TimerState } from '@yipan/domain';
import type { MeetingAck } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { meetingRefusalText } from './meetingError';
import { formatDuration, parseDuration } from './timerText';

type Props = { timer: TimerState; onAction: (action: TimerAction) => Promise<MeetingAck> };

/** The facilitator's timer buttons for one agenda item: set a length, start, pause, reset. */
export function TimerControls({ timer, onAction }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [length, setLength] = useState(() =>
    timer.durationMs > 0 ? formatDuration(timer.durationMs) : '10',
  );
  const send = async (action: TimerAction) => {
    const ack = await onAction(action);
    if (!ack.ok) void message.error(meetingRefusalText(ack, t));
  };
  const set = () => {
    const durationMs = parseDuration(length);
    if (durationMs === null || durationMs < 1000) {
      void message.error(t('meetings.timer.unreadable'));
      return;
    }
    void send({ action: 'set', durationMs });
  };
  return (
    <Space wrap className="meeting-timer-controls" data-testid="timer-controls">
      <Space.Compact>
        <Input
          aria-label={t('meetings.timer.length')}
          value={length}
          onChange={(event) => setLength(event.target.value)}
          onPressEnter={set}
          style={{ width: 90 }}
          data-testid="timer-length"
        />
        <Button onClick={set} data-testid="timer-set">
          {t('meetings.timer.set')}
        </Button>
      </Space.Compact>
      {timer.runningSince === null ? (
        <Button
          icon={<CaretRightOutlined />}
          onClick={() => void send({ action: 'start' })}
          disabled={timer.durationMs === 0}
          data-testid="timer-start"
        >
          {t('meetings.timer.start')}
        </Button>
      ) : (
        <Button
          icon={<PauseOutlined />}
          onClick={() => void send({ action: 'pause' })}
          data-testid="timer-pause"
        >
          {t('meetings.timer.pause')}
        </Button>
      )}
      <Button
        icon={<UndoOutlined />}
        onClick={() => void send({ action: 'reset' })}
        data-testid="timer-reset"
      >
        {t('meetings.timer.reset')}
      </Button>
    </Space>
  );
}
