import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogs', () => {
  it('give every English message the same placeholders as its Chinese source', () => {
    for (const key of Object.keys(zhCN) as MessageKey[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('leave no message empty', () => {
    for (const catalog of [zhCN, en]) {
      expect(Object.values(catalog).filter((message) => message.trim() === '')).toEqual([]);
    }
  });
});
