import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addRectificationItem,
  addTopic,
  applyStepTemplate,
  archiveTopic,
  createPlanDoc,
  DEFAULT_STEP_TEMPLATES,
  metaRoot,
  moveTopic,
  opinionText,
  readOpinion,
  readSteps,
  restoreTopic,
  setStepState,
  topicNotes,
  topicsRoot,
  updateRectificationItem,
  updateTopic,
} from '@yipan/domain';
import { classifyUpdate } from './classifyUpdate';

/**
 * A server document and a client replica synced with it. `change` runs an edit on a fresh replica of
 * the server and classifies the update it produced against the server's document, as the room would;
 * `capture` runs edits on one long-lived client, which falls behind when its updates are not applied.
 */
function serverAndClient() {
  const server = createPlanDoc();
  const first = addTopic(server, { title: '执行难', method: 'special_report', month: 6 });
  const second = addTopic(server, { title: '营商环境', month: 8 });
  applyStepTemplate(server, first, DEFAULT_STEP_TEMPLATES.special_report, '2021-06-25');
  addRectificationItem(server, first, {
    content: '加大执行力度',
    responsibleBody: '市中级人民法院',
    deadline: null,
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const captureOn = (doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array => {
    const updates: Uint8Array[] = [];
    const listener = (update: Uint8Array) => updates.push(update);
    doc.on('update', listener);
    edit(doc);
    doc.off('update', listener);
    return Y.mergeUpdates(updates);
  };
  const replica = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    return doc;
  };
  const capture = (edit: (doc: Y.Doc) => void) => captureOn(client, edit);
  const change = (edit: (doc: Y.Doc) => void) => classifyUpdate(server, captureOn(replica(), edit));
  /** Applies an edit to the server too, as an accepted one would be. */
  const accept = (edit: (doc: Y.Doc) => void) => Y.applyUpdate(server, captureOn(replica(), edit));
  const itemId = () => readOpinion(client, first)?.items[0]?.id ?? '';
  return { server, client, first, second, change, accept, capture, itemId };
}

describe('classifying an update against a frozen plan', () => {
  it('calls adding, removing and re-ordering topics plan content', () => {
    const { change, first, second } = serverAndClient();
    expect(change((doc) => addTopic(doc, { title: '新议题' }))).toBe('plan_content');
    expect(change((doc) => topicsRoot(doc).delete(first))).toBe('plan_content');
    expect(change((doc) => moveTopic(doc, second, { beforeId: first }))).toBe('plan_content');
  });

  it('calls every topic field, archiving and restoring plan content', () => {
    const { change, accept, first } = serverAndClient();
    expect(change((doc) => updateTopic(doc, first, { title: '执行难问题' }))).toBe('plan_content');
    expect(change((doc) => updateTopic(doc, first, { month: 7 }))).toBe('plan_content');
    expect(change((doc) => updateTopic(doc, first, { assistCommittees: ['财经委'] }))).toBe('plan_content');
    expect(change((doc) => updateTopic(doc, first, { sources: ['public_concern'] }))).toBe('plan_content');
    expect(change((doc) => archiveTopic(doc, first))).toBe('plan_content');
    accept((doc) => archiveTopic(doc, first));
    expect(change((doc) => restoreTopic(doc, first))).toBe('plan_content');
  });

  it('calls steps, opinions, rectification items and notes execution data', () => {
    const { change, first, client, itemId } = serverAndClient();
    const [step] = readSteps(client, first);
    expect(step).toBeDefined();
    expect(change((doc) => setStepState(doc, first, step!.id, 'done', { date: '2021-05-01' }))).toBe(
      'execution',
    );
    expect(
      change((doc) =>
        addRectificationItem(doc, first, { content: '新问题', responsibleBody: '', deadline: null }),
      ),
    ).toBe('execution');
    expect(change((doc) => updateRectificationItem(doc, first, itemId(), { content: '改' }))).toBe(
      'execution',
    );
    expect(change((doc) => topicNotes(doc, first)?.insert(0, '会前调研'))).toBe('execution');
    expect(change((doc) => opinionText(doc, first)?.insert(0, '审议意见'))).toBe('execution');
    expect(change((doc) => metaRoot(doc).set('anything', 1))).toBe('execution');
  });

  it('follows deletions to where they were: deleting notes text is execution, a field value is not', () => {
    const { change, accept, first } = serverAndClient();
    accept((doc) => topicNotes(doc, first)?.insert(0, '会前调研安排'));
    expect(change((doc) => topicNotes(doc, first)?.delete(0, 2))).toBe('execution');
    expect(change((doc) => topicsRoot(doc).get(first)?.delete('title'))).toBe('plan_content');
  });

  it('places changes that build on the update itself (a step of a topic added in the same update)', () => {
    const { change } = serverAndClient();
    const updateWithTopicAndStep = (doc: Y.Doc) => {
      const id = addTopic(doc, { title: '新议题', method: 'visit' });
      applyStepTemplate(doc, id, DEFAULT_STEP_TEMPLATES.visit, null);
    };
    expect(change(updateWithTopicAndStep)).toBe('plan_content');
  });

  it('refuses a hand-made update mixing execution data and a plan field', () => {
    const { server, capture, first, client } = serverAndClient();
    const [step] = readSteps(client, first);
    const stepOnly = capture((doc) => setStepState(doc, first, step!.id, 'in_progress'));
    const titleOnly = capture((doc) => updateTopic(doc, first, { title: '改名' }));
    expect(classifyUpdate(server, stepOnly)).toBe('execution');
    expect(classifyUpdate(server, Y.mergeUpdates([stepOnly, titleOnly]))).toBe('plan_content');
  });

  it('refuses what it cannot place: a change inside a topic the server does not have', () => {
    const { server, first } = serverAndClient();
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(server));
    const id = addTopic(elsewhere, { title: '离线新增' });
    const before = Y.encodeStateVector(elsewhere);
    topicNotes(elsewhere, id)?.insert(0, '备注');
    // Only the notes edit is sent; the topic it lives in never reached the server.
    const notesOnly = Y.encodeStateAsUpdate(elsewhere, before);
    expect(classifyUpdate(server, notesOnly)).toBe('plan_content');
    expect(first).toBeTruthy();
  });

  it('refuses what builds on a refused edit: a client’s next step change after its refused title', () => {
    const { server, capture, first, client } = serverAndClient();
    const [step] = readSteps(client, first);
    const refusedTitle = capture((doc) => updateTopic(doc, first, { title: '改名' }));
    expect(classifyUpdate(server, refusedTitle)).toBe('plan_content');
    // Not applied: the client's next change follows a gap the server cannot fill.
    const nextStep = capture((doc) => setStepState(doc, first, step!.id, 'in_progress'));
    expect(classifyUpdate(server, nextStep)).toBe('plan_content');
    Y.applyUpdate(server, refusedTitle);
    expect(classifyUpdate(server, nextStep)).toBe('execution');
  });

  it('calls an empty update execution', () => {
    const { server } = serverAndClient();
    expect(classifyUpdate(server, Y.encodeStateAsUpdate(new Y.Doc()))).toBe('execution');
  });
});
