import type { ReactNode } from 'react';

export interface Detail {
  term: string;
  value: ReactNode;
}

/** Label/value pairs as a description list. */
export function DetailList({ details }: { details: readonly Detail[] }) {
  return (
    <dl className="details">
      {details.map((detail) => (
        <div className="details__row" key={detail.term}>
          <dt>{detail.term}</dt>
          <dd>{detail.value}</dd>
        </div>
      ))}
    </dl>
  );
}
