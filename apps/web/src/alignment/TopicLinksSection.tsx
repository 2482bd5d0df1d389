import { useId, useMemo, useState } from 'react';
import {
  App,
  Button,
  Empty,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import StarFilled from '@ant-design/icons/StarFilled';
import StarOutlined from '@ant-design/icons/StarOutlined';
import {
  LINKAGE_MODE_LABELS,
  linkageModesUnder,
  readLinks,
  REASON_MAX,
  TITLE_MAX,
  type LinkageMode,
  type TopicLink,
} from '@yipan/domain';
import type { ParentTopic } from '@yipan/protocol';
import { usePlanAccess } from '../access/PlanAccessContext';
import type { PlanSession } from '../collab/PlanSession';
import { useI18n } from '../i18n/I18nProvider';
import { usePlanLock } from '../lifecycle/PlanLifecycleContext';
import { setTopicLinks } from './alignmentApi';
import { upstreamErrorText } from './upstreamError';
import { useTopicDocValue } from './useTopicDocValue';
import { useUpstream } from './useUpstream';
import './upstream.css';

type Props = { session: PlanSession; topicId: string };

/** Levels Yipan hosts are never a province (a province is only an external reference): no `delegated` to them. */
const HOSTED_MODES = linkageModesUnder('city');
/** An external reference is a province's topic: every mode, `delegated` included. */
const EXTERNAL_MODES = linkageModesUnder('external');
/** Earliest and latest year of an external topic (the domain's limits). */
const YEAR_MIN = 1949;
const YEAR_MAX = 2200;

const parentKey = (planId: string, topicId: string) => `${planId}/${topicId}`;

/** A new link to a parent topic: joint (counting towards the parent) when the parent is joint, else a reference. */
function linkTo(parent: ParentTopic, primary: boolean): TopicLink {
  return {
    kind: 'topic',
    parentPlanId: parent.parentPlanId,
    parentTopicId: parent.parentTopicId,
    mode: parent.joint ? 'joint' : 'reference',
    contributes: parent.joint,
    primary,
  };
}

/** The external-reference form's fields (a province topic entered by hand). */
type ExternalDraft = { title: string; year: number | null; source: string };

/**
 * The topic drawer's "上级关联" section: the topic's links to higher levels, read live from the plan's
 * document (parent organisation and topic, mode 联动/协同配合/参照, the primary star, "计入上级成果" for a
 * joint link), and for an editor: change, remove, link another parent topic, or add a province topic as an
 * external reference. Every change goes through the server, which checks the parents and the freeze.
 */
export function TopicLinksSection({ session, topicId }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const headingId = useId();
  const { canWrite, readOnlyHint } = usePlanAccess();
  const lock = usePlanLock();
  const canEdit = canWrite && lock.canEditPlanFields;
  const hint = canWrite ? lock.lockReason : readOnlyHint;
  const links = useTopicDocValue(session.doc, topicId, readLinks);
  const upstream = useUpstream(session.planId);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const [external, setExternal] = useState<ExternalDraft | null>(null);

  const data = upstream.data;
  const parents = useMemo(
    () =>
      new Map(
        (data?.topics ?? []).map((topic) => [parentKey(topic.parentPlanId, topic.parentTopicId), topic]),
      ),
    [data],
  );
  const orgNames = useMemo(
    () => new Map((data?.parentPlans ?? []).map((plan) => [plan.id, plan.orgName])),
    [data],
  );
  const linked = new Set(
    links.flatMap((link) =>
      link.kind === 'topic' ? [parentKey(link.parentPlanId, link.parentTopicId)] : [],
    ),
  );
  const addable = (data?.topics ?? []).filter(
    (topic) => !linked.has(parentKey(topic.parentPlanId, topic.parentTopicId)),
  );
  // Parent topics not linked yet, under their organisation's name; plans with none left are not offered.
  const addOptions = (data?.parentPlans ?? [])
    .map((plan) => ({
      label: plan.orgName,
      title: plan.orgName,
      options: addable
        .filter((topic) => topic.parentPlanId === plan.id)
        .map((topic) => ({ value: parentKey(topic.parentPlanId, topic.parentTopicId), label: topic.title })),
    }))
    .filter((group) => group.options.length > 0);
  const defaultYear = data?.parentPlans[0]?.year ?? new Date().getFullYear();

  const save = async (next: TopicLink[], done?: () => void) => {
    setBusy(true);
    try {
      await setTopicLinks(session.planId, topicId, { links: next });
      void message.success(t('links.saved'));
      done?.();
    } catch (error) {
      void message.error({ content: upstreamErrorText(error, t, label), duration: 6 });
    } finally {
      setBusy(false);
    }
  };
  const change = (index: number, patch: Partial<Pick<TopicLink, 'mode' | 'contributes'>>) =>
    void save(links.map((link, at) => (at === index ? { ...link, ...patch } : link)));
  const makePrimary = (index: number) =>
    void save(links.map((link, at) => ({ ...link, primary: at === index })));
  const remove = (index: number) => void save(links.filter((_, at) => at !== index));
  const add = () => {
    const parent = adding ? parents.get(adding) : undefined;
    if (parent) void save([...links, linkTo(parent, links.length === 0)], () => setAdding(null));
  };
  const addExternal = () => {
    if (!external || !external.title.trim() || external.year === null) return;
    const link: TopicLink = {
      kind: 'external',
      external: { title: external.title.trim(), year: external.year, source: external.source.trim() },
      mode: 'reference',
      contributes: false,
      primary: links.length === 0,
    };
    void save([...links, link], () => setExternal(null));
  };

  const titleOf = (link: TopicLink) => {
    if (link.kind === 'external') return link.external.title;
    return parents.get(parentKey(link.parentPlanId, link.parentTopicId))?.title ?? t('links.unknownParent');
  };
  const disabled = !canEdit || busy;

  return (
    <section className="links-section" aria-labelledby={headingId} data-testid="links-section">
      <Typography.Title level={4} id={headingId} className="links-heading">
        {t('links.title')}
      </Typography.Title>
      {links.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('links.empty')} />
      ) : (
        <ul className="links-list">
          {links.map((link, index) => {
            const title = titleOf(link);
            const modes = link.kind === 'external' ? EXTERNAL_MODES : HOSTED_MODES;
            return (
              <li
                key={link.kind === 'topic' ? parentKey(link.parentPlanId, link.parentTopicId) : `x:${title}`}
                className="links-item"
                data-testid="link-item"
                data-title={title}
                data-mode={link.mode}
                data-primary={link.primary}
              >
                <div className="links-item-head">
                  <Tooltip title={link.primary ? t('links.primary') : t('links.setPrimary')}>
                    <Button
                      type="text"
                      size="small"
                      icon={link.primary ? <StarFilled className="links-primary-star" /> : <StarOutlined />}
                      aria-label={link.primary ? t('links.primary') : t('links.setPrimaryOf', { title })}
                      aria-pressed={link.primary}
                      disabled={disabled || link.primary}
                      onClick={() => makePrimary(index)}
                      data-testid="link-primary"
                    />
                  </Tooltip>
                  <span className="links-item-title">
                    <span className="links-item-org">
                      {link.kind === 'external'
                        ? t('links.external.tag', { year: link.external.year })
                        : (orgNames.get(link.parentPlanId) ?? '')}
                    </span>
                    {title}
                    {link.kind === 'external' && link.external.source ? (
                      <Typography.Text type="secondary"> （{link.external.source}）</Typography.Text>
                    ) : null}
                  </span>
                  <Button
                    size="small"
                    type="link"
                    danger
                    disabled={disabled}
                    onClick={() => remove(index)}
                    aria-label={t('links.removeOf', { title })}
                    data-testid="link-remove"
                  >
                    {t('links.remove')}
                  </Button>
                </div>
                <div className="links-item-controls" title={canEdit ? undefined : (hint ?? undefined)}>
                  <Select<LinkageMode>
                    size="small"
                    value={link.mode}
                    disabled={disabled}
                    aria-label={t('links.modeOf', { title })}
                    onChange={(mode) =>
                      change(index, { mode, contributes: mode === 'joint' && link.contributes })
                    }
                    options={modes.map((mode) => ({ value: mode, label: label(LINKAGE_MODE_LABELS[mode]) }))}
                    popupMatchSelectWidth={false}
                    data-testid="link-mode"
                  />
                  {link.mode === 'joint' ? (
                    <label className="links-contributes">
                      <Switch
                        size="small"
                        checked={link.contributes}
                        disabled={disabled}
                        onChange={(contributes) => change(index, { contributes })}
                        data-testid="link-contributes"
                      />{' '}
                      {t('links.contributes')}
                    </label>
                  ) : null}
                  {link.primary ? <Tag color="gold">{t('links.primary')}</Tag> : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Tooltip title={canEdit ? null : hint}>
        <div className="links-add">
          <Select<string>
            className="links-add-select"
            showSearch
            optionFilterProp="label"
            placeholder={t('links.addPlaceholder')}
            aria-label={t('links.addPlaceholder')}
            value={adding}
            onChange={setAdding}
            disabled={disabled || addable.length === 0}
            options={addOptions}
            data-testid="link-add-select"
          />
          <Button disabled={disabled || !adding} onClick={add} data-testid="link-add">
            {t('links.add')}
          </Button>
          {external === null ? (
            <Button
              disabled={disabled}
              onClick={() => setExternal({ title: '', year: defaultYear, source: '' })}
              data-testid="link-external-open"
            >
              {t('links.external.open')}
            </Button>
          ) : null}
        </div>
      </Tooltip>
      {external ? (
        <Space.Compact className="links-external-form" block>
          <Input
            placeholder={t('links.external.title')}
            aria-label={t('links.external.title')}
            maxLength={TITLE_MAX}
            value={external.title}
            onChange={(event) => setExternal({ ...external, title: event.target.value })}
            data-testid="link-external-title"
          />
          <InputNumber<number>
            aria-label={t('links.external.year')}
            min={YEAR_MIN}
            max={YEAR_MAX}
            value={external.year}
            onChange={(year) => setExternal({ ...external, year })}
            data-testid="link-external-year"
          />
          <Input
            placeholder={t('links.external.source')}
            aria-label={t('links.external.source')}
            maxLength={REASON_MAX}
            value={external.source}
            onChange={(event) => setExternal({ ...external, source: event.target.value })}
            data-testid="link-external-source"
          />
          <Button
            type="primary"
            disabled={disabled || !external.title.trim() || external.year === null}
            onClick={addExternal}
            data-testid="link-external-add"
          >
            {t('links.external.add')}
          </Button>
          <Button onClick={() => setExternal(null)}>{t('upstream.cancel')}</Button>
        </Space.Compact>
      ) : null}
    </section>
  );
}
