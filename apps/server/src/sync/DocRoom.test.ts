import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useTemporarySqliteDatabase } from '@yipan/db/testing';
import { addTopic, createPlanDoc, listTopics } from '@yipan/domain';
import type { Logger, LogFields } from '../createLogger';
import { DocRoom } from './DocRoom';
import { createSyncStats } from './SyncStats';

const AUTHOR = 'usr_author';
const INJECTED = '注入的议题';

/** A logger that keeps what was logged at warn and error, so tests can say what the room reported. */
function recordingLogger(lines: string[] = []): Logger & { lines: string[] } {
  const record = (level: string) => (message: string, fields?: LogFields) =>
    lines.push(`${level} ${message}${fields && 'index' in fields ? ` #${String(fields.index)}` : ''}`);
  return {
    lines,
    debug: () => undefined,
    info: () => undefined,
    warn: record('warn'),
    error: record('error'),
    child: () => recordingLogger(lines),
  };
}

/** Two topics added one after the other, as the updates a client would have sent for them. */
function twoTopics(): { first: Uint8Array; second: Uint8Array } {
  const doc = createPlanDoc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  addTopic(doc, { title: '甲' });
  addTopic(doc, { title: '乙' });
  const [first, second] = updates;
  if (!first || !second || updates.length !== 2) throw new Error('expected one update per topic');
  return { first, second };
}

/** A real update adding a topic, cut short before its delete set: a plain apply integrates the topic, then throws. */
function truncatedUpdate(): Uint8Array {
  const doc = createPlanDoc();
  addTopic(doc, { title: INJECTED });
  return Y.encodeStateAsUpdate(doc).slice(0, -1);
}

describe('DocRoom.load', () => {
  const database = useTemporarySqliteDatabase();

  async function load(name: string, logger: Logger): Promise<string[]> {
    const room = await DocRoom.load(name, {
      store: database().docs,
      logger,
      stats: createSyncStats(),
      onBroken: () => undefined,
    });
    try {
      return listTopics(room.doc).map((topic) => topic.title);
    } finally {
      room.destroy();
    }
  }

  it('opens the snapshot and the log after it as they were stored, reporting nothing', async () => {
    const { first, second } = twoTopics();
    await database().docs.append('plan:clean', first, AUTHOR);
    await database().docs.compact('plan:clean');
    await database().docs.append('plan:clean', second, AUTHOR);
    const logger = recordingLogger();

    expect(await load('plan:clean', logger)).toEqual(['甲', '乙']);
    expect(logger.lines).toEqual([]);
  });

  it('skips a corrupt stored row without any of it reaching the room', async () => {
    const { first, second } = twoTopics();
    await database().docs.append('plan:corrupt', first, AUTHOR);
    await database().docs.compact('plan:corrupt');
    await database().docs.append('plan:corrupt', truncatedUpdate(), AUTHOR);
    await database().docs.append('plan:corrupt', second, AUTHOR);
    const logger = recordingLogger();

    const titles = await load('plan:corrupt', logger);

    expect(titles).toEqual(['甲', '乙']);
    expect(titles).not.toContain(INJECTED);
    // Row 0 is the snapshot, row 1 the corrupt update: the only one skipped.
    expect(logger.lines).toEqual([
      'warn a stored update failed to apply; loading the document again row by row',
      'error skipped an unreadable stored update #1',
    ]);
  });
});
