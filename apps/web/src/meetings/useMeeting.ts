import { useMemo } from 'react';
import { MeetingResponse } from '@yipan/protocol';
import { useRequest, type RequestState } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { meetingPaths } from './meetingApi';
import { useMeetingLive, type MeetingLive } from './useMeetingLive';
import { useServerNow } from './useServerNow';

/** What the room and the projector both need of a meeting. */
export type MeetingView = {
  request: RequestState<MeetingResponse>;
  live: MeetingLive;
  /** Server time, ticking while any timer runs (timers read the same on every screen). */
  now: number;
  /** An agenda item's title, or a placeholder for an item no longer on the agenda (an old vote's candidate). */
  itemTitle: (itemId: string) => string;
};

/** A meeting's setup (REST, re-read on `meeting:changed`) and its live part (socket.io). */
export function useMeeting(meetingId: string): MeetingView {
  const { t } = useI18n();
  const request = useRequest(meetingPaths.meeting(meetingId), MeetingResponse);
  const live = useMeetingLive(meetingId, request.reload);
  const anyRunning = Object.values(live.state?.timers ?? {}).some((timer) => timer.runningSince !== null);
  const now = useServerNow(live.clockOffsetMs, anyRunning);
  const agenda = request.data?.meeting.agenda;
  const titles = useMemo(() => new Map(agenda?.map((item) => [item.id, item.title]) ?? []), [agenda]);
  const itemTitle = (itemId: string) => titles.get(itemId) ?? t('meetings.agenda.unknownItem');
  return { request, live, now, itemTitle };
}
