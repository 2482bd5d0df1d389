import type { HTMLAttributes } from 'react';

/** The preset colours a card tag comes in (antd's palette names, drawn by styles.css). */
export type CardTagColor = 'geekblue' | 'gold' | 'green' | 'purple' | 'orange' | 'magenta' | 'cyan';

type Props = HTMLAttributes<HTMLSpanElement> & { color?: CardTagColor };

/**
 * A tag on a board card, drawn with plain CSS in antd's look. antd's `Tag` runs its theme and
 * style hooks once per instance, and a board shows hundreds of cards: that was a third of the time
 * a 500-topic board took to render.
 */
export function CardTag({ color, className, ...rest }: Props) {
  const classes = ['card-tag', color ? `card-tag-${color}` : '', className ?? ''];
  return <span {...rest} className={classes.filter(Boolean).join(' ')} />;
}
