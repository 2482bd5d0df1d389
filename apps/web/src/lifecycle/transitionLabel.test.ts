import { describe, expect, it } from 'vitest';
import type { Label } from '@yipan/domain';
import { en } from '../i18n/en';
import { formatMessage, type MessageParams } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { transitionLabel } from './transitionLabel';

const zhT = (key: MessageKey, params?: MessageParams) => formatMessage(zhCN[key], params);
const enT = (key: MessageKey, params?: MessageParams) => formatMessage(en[key], params);
const zhLabel = (label: Label) => label.zh;
const enLabel = (label: Label) => label.en;

describe('transitionLabel', () => {
  it('names a forward move by the status it reaches', () => {
    expect(transitionLabel({ kind: 'advance', to: 'approved' }, zhT, zhLabel)).toBe('推进至「审议通过」');
    expect(transitionLabel({ kind: 'advance', to: 'approved' }, enT, enLabel)).toBe('Advance to “Approved”');
  });

  it('names a move back by the status it returns to', () => {
    expect(transitionLabel({ kind: 'return', to: 'collating' }, zhT, zhLabel)).toBe('退回至「汇总遴选」');
  });
});
