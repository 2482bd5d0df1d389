import {
  DISCLOSURE_FIELD_LABELS,
  METHOD_LABELS,
  METHODS,
  OPINION_PHASE_LABELS,
  ORG_LEVEL_LABELS,
  PLAN_STATUS_LABELS,
  SUPERVISED_BODY_LABELS,
  sessionText,
  type Method,
  type PublicTopic,
} from '@yipan/domain';
import type { OrgRow } from '@yipan/db';
import type { PublicPlanSummary } from '@yipan/protocol';
import { html, type SafeHtml } from './html';
import type { PublicPlan } from './publicCatalog';

/*
 * The public site's pages: plain semantic HTML, no script, one stylesheet. Chinese, as plans are
 * published. Every interpolation goes through `html`, which escapes it.
 */

/** Where the public pages and their stylesheet and feed live. */
export const PUBLIC_PATHS = {
  index: '/public',
  stylesheet: '/public/site.css',
  feed: '/public/feed.atom',
  org: (orgId: string) => `/public/orgs/${encodeURIComponent(orgId)}`,
  plan: (planId: string) => `/public/plans/${encodeURIComponent(planId)}`,
} as const;

/** The site's name, as the page header and the feed title read. */
export const SITE_TITLE = '人大监督工作计划公开';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Ten, the base of Chinese numerals. */
const TEN = 10;

/** 1 → 一, 12 → 十二, 21 → 二十一: how official documents number sections. */
export function chineseNumber(n: number): string {
  if (n < TEN) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / TEN);
  const ones = n % TEN;
  if (tens >= TEN) return String(n);
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${ones === 0 ? '' : (DIGITS[ones] ?? '')}`;
}

/** A date in Chinese as plans write it: 2021年3月5日 (China Standard Time). */
export function chineseDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}年${part('month')}月${part('day')}日`;
}

function layout(title: string, main: SafeHtml, crumbs: readonly { href: string; label: string }[] = []) {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="${PUBLIC_PATHS.stylesheet}" />
        <link
          rel="alternate"
          type="application/atom+xml"
          title="${SITE_TITLE}（Atom）"
          href="${PUBLIC_PATHS.feed}"
        />
      </head>
      <body>
        <header class="site-header">
          <a class="site-name" href="${PUBLIC_PATHS.index}">${SITE_TITLE}</a>
        </header>
        ${
          crumbs.length > 0
            ? html`<nav class="crumbs" aria-label="当前位置">
                <ol>
                  ${crumbs.map((crumb) => html`<li><a href="${crumb.href}">${crumb.label}</a></li>`)}
                  <li aria-current="page">${title}</li>
                </ol>
              </nav>`
            : null
        }
        <main id="main">${main}</main>
        <footer class="site-footer">
          <p>
            本页面公开各级人大常委会已公布的年度监督工作计划及其执行进度。<a href="${PUBLIC_PATHS.feed}"
              >订阅更新（Atom）</a
            >
          </p>
        </footer>
      </body>
    </html> `.toString();
}

function planMeta(plan: PublicPlanSummary): SafeHtml {
  return html`<span class="status status-${plan.status}">${PLAN_STATUS_LABELS[plan.status].zh}</span>${
      plan.publishedAt ? html` · ${chineseDate(plan.publishedAt)}公布` : null
    }
    · ${plan.topicCount} 个议题`;
}

function planList(plans: readonly PublicPlanSummary[]): SafeHtml {
  return html`<ul class="plan-list">
    ${plans.map(
      (plan) =>
        html`<li>
          <a href="${PUBLIC_PATHS.plan(plan.id)}">${plan.title}</a>
          <p class="meta">${planMeta(plan)}</p>
        </li>`,
    )}
  </ul>`;
}

/** `/public`: every organisation with published plans, in tree order. */
export function renderIndexPage(orgs: readonly OrgRow[], plans: readonly PublicPlanSummary[]): string {
  const withPlans = orgs
    .map((org) => ({ org, plans: plans.filter((plan) => plan.orgId === org.id) }))
    .filter((entry) => entry.plans.length > 0);
  const body =
    withPlans.length === 0
      ? html`<p class="empty">暂无已公布的监督工作计划。</p>`
      : withPlans.map(
          ({ org, plans: own }) =>
            html`<section class="org" aria-labelledby="org-${org.id}">
              <h2 id="org-${org.id}">
                <a href="${PUBLIC_PATHS.org(org.id)}">${org.name}</a>
                <small>${ORG_LEVEL_LABELS[org.level].zh}</small>
              </h2>
              ${planList(own)}
            </section>`,
        );
  return layout(
    SITE_TITLE,
    html`<h1>${SITE_TITLE}</h1>
      <p class="lead">
        各级人大常委会已向社会公布的年度监督工作计划，以及每个议题的监督方式、时间安排和办理进度。
      </p>
      ${body}`,
  );
}

/** `/public/orgs/:orgId`: one organisation's published plans. */
export function renderOrgPage(org: OrgRow, plans: readonly PublicPlanSummary[]): string {
  const title = `${org.name}人大监督工作计划`;
  return layout(
    title,
    html`<h1>${title}</h1>
      ${plans.length === 0 ? html`<p class="empty">暂无已公布的监督工作计划。</p>` : planList(plans)}`,
    [{ href: PUBLIC_PATHS.index, label: '首页' }],
  );
}

function scheduleOf(topic: PublicTopic): string {
  const parts: string[] = [];
  if (topic.month !== null && topic.month !== undefined) parts.push(`${topic.month}月`);
  if (topic.session !== null && topic.session !== undefined) parts.push(sessionText(topic.session));
  return parts.length === 0 ? '待定' : parts.join('，');
}

function entry(label: string, value: SafeHtml | string): SafeHtml {
  return html`<div class="field">
    <dt>${label}</dt>
    <dd>${value}</dd>
  </div>`;
}

function topicFields(topic: PublicTopic): SafeHtml[] {
  const fields: SafeHtml[] = [];
  const label = DISCLOSURE_FIELD_LABELS;
  if (topic.method !== undefined)
    fields.push(
      entry(
        label.method.zh,
        [topic.method, ...(topic.addonMethods ?? [])].map((method) => METHOD_LABELS[method].zh).join('、'),
      ),
    );
  if (topic.month !== undefined || topic.session !== undefined)
    fields.push(entry(label.schedule.zh, scheduleOf(topic)));
  if (topic.supervisedBody !== undefined)
    fields.push(entry(label.supervisedBody.zh, SUPERVISED_BODY_LABELS[topic.supervisedBody].zh));
  if (topic.leadCommittee !== undefined)
    fields.push(entry(label.leadCommittee.zh, topic.leadCommittee || '—'));
  if (topic.reportingUnit !== undefined)
    fields.push(entry(label.reportingUnit.zh, topic.reportingUnit || '—'));
  if (topic.leaderInCharge !== undefined)
    fields.push(entry(label.leaderInCharge.zh, topic.leaderInCharge || '—'));
  if (topic.progress !== undefined) {
    const { done, total } = topic.progress;
    fields.push(
      entry(
        label.progress.zh,
        total === 0
          ? '尚未开始'
          : html`<progress
                value="${done}"
                max="${total}"
                aria-label="已完成 ${done} / ${total} 步"
              ></progress>
              <span class="progress-text">已完成 ${done} / ${total} 步</span>`,
      ),
    );
  }
  if (topic.opinion !== undefined) {
    const { phase, issued, closed } = topic.opinion;
    fields.push(
      entry(
        label.opinionHandled.zh,
        phase === 'none'
          ? OPINION_PHASE_LABELS.none.zh
          : `${OPINION_PHASE_LABELS[phase].zh}（已销号 ${closed} / ${issued} 项）`,
      ),
    );
  }
  if (topic.rating !== undefined)
    fields.push(
      entry(
        label.rating.zh,
        topic.rating === null
          ? '尚未测评'
          : `满意 ${topic.rating.satisfied}，基本满意 ${topic.rating.basicallySatisfied}，不满意 ${topic.rating.unsatisfied}（满意率 ${topic.rating.percent}%，${topic.rating.passed ? '通过' : '未通过'}）`,
      ),
    );
  return fields;
}

function topicArticle(topic: PublicTopic, number: number): SafeHtml {
  const fields = topicFields(topic);
  return html`<article class="topic" id="topic-${topic.id}">
    <h3><span class="number">（${chineseNumber(number)}）</span>${topic.title}</h3>
    ${fields.length > 0 ? html`<dl>${fields}</dl>` : null}
  </article>`;
}

/** Topics grouped by main method in glossary order, as published plans are sectioned; one group when methods are not public. */
function groups(topics: readonly PublicTopic[]): { method: Method | null; topics: PublicTopic[] }[] {
  if (topics.some((topic) => topic.method === undefined)) return [{ method: null, topics: [...topics] }];
  return METHODS.map((method) => ({
    method,
    topics: topics.filter((topic) => topic.method === method),
  })).filter((group) => group.topics.length > 0);
}

/** `/public/plans/:planId`: the plan's public topics, sectioned by method, with their progress. */
export function renderPlanPage(plan: PublicPlan): string {
  const { summary } = plan;
  const sections = groups(plan.topics).map((group, index) => {
    const heading = group.method === null ? '监督议题' : METHOD_LABELS[group.method].zh;
    const id = `section-${index + 1}`;
    return html`<section class="method" aria-labelledby="${id}">
      <h2 id="${id}">${chineseNumber(index + 1)}、${heading}</h2>
      ${group.topics.map((topic, position) => topicArticle(topic, position + 1))}
    </section>`;
  });
  const overview = [
    html`<div>
      <dt>发布机关</dt>
      <dd><a href="${PUBLIC_PATHS.org(summary.orgId)}">${summary.orgName}人大常委会</a></dd>
    </div>`,
    html`<div>
      <dt>年度</dt>
      <dd>${summary.year}年</dd>
    </div>`,
    html`<div>
      <dt>状态</dt>
      <dd>${PLAN_STATUS_LABELS[summary.status].zh}</dd>
    </div>`,
    summary.publishedAt
      ? html`<div>
          <dt>公布日期</dt>
          <dd>${chineseDate(summary.publishedAt)}</dd>
        </div>`
      : null,
    html`<div>
      <dt>议题</dt>
      <dd>${summary.topicCount} 个</dd>
    </div>`,
    plan.settings.opinionHandled
      ? html`<div>
          <dt>整改事项</dt>
          <dd>
            ${plan.items.issued === 0 ? '暂无' : `已销号 ${plan.items.closed} / ${plan.items.issued} 项`}
          </dd>
        </div>`
      : null,
  ];
  return layout(
    summary.title,
    html`<h1>${summary.title}</h1>
      <dl class="overview">${overview}</dl>
      ${plan.topics.length === 0 ? html`<p class="empty">该计划暂无公开的议题。</p>` : sections}`,
    [
      { href: PUBLIC_PATHS.index, label: '首页' },
      { href: PUBLIC_PATHS.org(summary.orgId), label: summary.orgName },
    ],
  );
}

/** The page of an unknown or unpublished plan or organisation: the same for both, so nothing leaks. */
export function renderNotFoundPage(): string {
  return layout(
    '页面不存在',
    html`<h1>页面不存在</h1>
      <p>该计划不存在或尚未公布。 / Not found or not published.</p>
      <p><a href="${PUBLIC_PATHS.index}">返回公开首页</a></p>`,
  );
}
