import { Icon } from '../Icon';

interface SortHeaderProps {
  label: string;
  numeric?: boolean;
  sorted: false | 'asc' | 'desc';
  onToggle(): void;
}

/** A column header whose button sorts by it (Enter and Space work because it is a real button). */
export function SortHeader({ label, numeric = false, sorted, onToggle }: SortHeaderProps) {
  const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={numeric ? 'num' : undefined}>
      <button type="button" className="sort-button" onClick={onToggle}>
        {label}
        <span className={sorted ? 'sort-button__arrow sort-button__arrow--active' : 'sort-button__arrow'} aria-hidden="true">
          <Icon name={sorted === 'desc' ? 'chevronDown' : 'chevronUp'} size={14} />
        </span>
      </button>
    </th>
  );
}
