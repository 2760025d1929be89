import { useId, type ReactNode } from 'react';

interface CardProps {
  title?: string;
  /** Extra content at the right of the title row. */
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled content section; labelled by its title so it shows up as a region. */
export function Card({ title, aside, children, className }: CardProps) {
  const titleId = useId();
  return (
    <section className={['card', className].filter(Boolean).join(' ')} aria-labelledby={title ? titleId : undefined}>
      {title ? (
        <div className="card__head">
          <h2 id={titleId} className="card__title">
            {title}
          </h2>
          {aside}
        </div>
      ) : null}
      {children}
    </section>
  );
}
