import { useEffect, useRef, type ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  /** Buttons or links on the right (e.g. "New package"). */
  actions?: ReactNode;
  /** A link back to the parent page, above the title. */
  back?: ReactNode;
}

/**
 * The page's one h1. It takes focus when the page opens, so keyboard and screen-reader
 * users land on the new page instead of staying on the nav link they activated.
 */
export function PageHeader({ title, description, actions, back }: PageHeaderProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Reseller Console`;
    headingRef.current?.focus({ preventScroll: true });
  }, [title]);

  return (
    <header className="page-header">
      <div className="page-header__text">
        {back}
        <h1 ref={headingRef} tabIndex={-1} className="page-header__title">
          {title}
        </h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
