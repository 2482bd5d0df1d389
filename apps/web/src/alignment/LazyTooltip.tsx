import { cloneElement, useState, type HTMLAttributes, type ReactElement, type ReactNode } from 'react';
import { Tooltip } from 'antd';

type Props = {
  title: ReactNode;
  /** One element that takes pointer handlers (the tooltip's anchor). */
  children: ReactElement<HTMLAttributes<HTMLElement>>;
};

/**
 * antd's hover Tooltip, mounted the first time the pointer enters its element and open at once then: a
 * row of column heads need not run a Tooltip's hooks per head before anyone points at one.
 */
export function LazyTooltip({ title, children }: Props) {
  const [mounted, setMounted] = useState(false);
  if (mounted)
    return (
      <Tooltip title={title} defaultOpen>
        {children}
      </Tooltip>
    );
  return cloneElement(children, { onPointerEnter: () => setMounted(true) });
}
