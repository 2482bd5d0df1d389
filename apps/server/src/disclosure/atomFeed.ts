import { PLAN_STATUS_LABELS } from '@yipan/domain';
import { html } from './html';
import type { PublicFeed } from './publicCatalog';
import { PUBLIC_PATHS, SITE_TITLE, chineseDate } from './renderPublicPages';

/** Most entries in the feed: readers poll it, and the newest entries are what they want. */
export const FEED_ENTRIES_MAX = 200;

/** The same escaping template as the pages' (`html`), named for what it builds here. */
const xml = html;

type Entry = { id: string; title: string; link: string; updated: Date; summary: string };

/** The tag URI authority of entry ids: stable whatever host serves the feed. */
const TAG_AUTHORITY = 'tag:yipan,2021';

/**
 * The Atom 1.0 feed of the public site: an entry per published plan and per closed rectification item
 * (销号) of a published plan, newest first, with absolute links under `origin`. Everything is escaped.
 */
export function renderAtomFeed(feed: PublicFeed, origin: string, now: Date): string {
  const entries: Entry[] = [
    ...feed.plans.map((plan) => ({
      id: `${TAG_AUTHORITY}:plan:${plan.id}`,
      title: `${plan.title}（${PLAN_STATUS_LABELS[plan.status].zh}）`,
      link: origin + PUBLIC_PATHS.plan(plan.id),
      updated: plan.publishedAt ? new Date(plan.publishedAt) : new Date(Date.UTC(plan.year, 0, 1)),
      summary: `${plan.orgName}人大常委会公布${plan.year}年度监督工作计划，共 ${plan.topicCount} 个议题。`,
    })),
    ...feed.closedItems.map((item) => ({
      id: `${TAG_AUTHORITY}:item:${item.plan.id}:${item.topicId}:${item.itemId}`,
      title: `整改事项销号：${item.topicTitle}`,
      link: `${origin}${PUBLIC_PATHS.plan(item.plan.id)}#topic-${encodeURIComponent(item.topicId)}`,
      updated: item.closedAt,
      summary: `${item.plan.orgName}《${item.plan.title}》议题“${item.topicTitle}”的审议意见整改事项于${chineseDate(item.closedAt)}销号：${item.content}${
        item.responsibleBody ? `（责任单位：${item.responsibleBody}）` : ''
      }`,
    })),
  ]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.id.localeCompare(b.id))
    .slice(0, FEED_ENTRIES_MAX);
  const updated = entries[0]?.updated ?? now;
  return xml`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>${SITE_TITLE}</title>
<subtitle>已公布的监督工作计划和已销号的审议意见整改事项</subtitle>
<id>${TAG_AUTHORITY}:public-feed</id>
<link rel="self" type="application/atom+xml" href="${origin + PUBLIC_PATHS.feed}"/>
<link rel="alternate" type="text/html" href="${origin + PUBLIC_PATHS.index}"/>
<updated>${updated.toISOString()}</updated>
<author><name>${SITE_TITLE}</name></author>
${entries.map(
  (entry) => xml`<entry>
<id>${entry.id}</id>
<title>${entry.title}</title>
<link rel="alternate" type="text/html" href="${entry.link}"/>
<updated>${entry.updated.toISOString()}</updated>
<summary>${entry.summary}</summary>
</entry>
`,
)}</feed>
`.toString();
}
