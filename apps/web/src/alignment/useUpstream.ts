import { useEffect, useRef } from 'react';
import { UpstreamResponse } from '@yipan/protocol';
import { useRequest, type RequestState } from '../api/useRequest';
import { useStore } from '../collab/createStore';
import { alignmentRevision, upstreamRevision } from './alignmentEvents';
import { alignmentPaths } from './alignmentApi';

/**
 * What the higher levels ask of a plan (`GET /api/plans/:planId/upstream`), re-read whenever a parent plan
 * changed (`plan:upstream`), this plan's links or answers changed (`plan:alignment`) or an answer was sent
 * from here; null `planId` reads nothing.
 */
export function useUpstream(planId: string | null): RequestState<UpstreamResponse> {
  const request = useRequest(planId ? alignmentPaths.upstream(planId) : null, UpstreamResponse);
  const revision = useStore(upstreamRevision) + useStore(alignmentRevision);
  // The first read is the request's own; only later bumps re-read.
  const seen = useRef(revision);
  const { reload } = request;
  useEffect(() => {
    if (revision === seen.current) return;
    seen.current = revision;
    reload();
  }, [revision, reload]);
  return request;
}
