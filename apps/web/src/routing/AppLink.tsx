import type { ReactNode } from 'react';
import { navigate } from './useRoute';

/** A link inside the app: a real `<a href>` (open in a new tab works) that navigates without reloading the page. */
export function AppLink({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  return (
    <a
      href={href}
      data-testid={testId}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
