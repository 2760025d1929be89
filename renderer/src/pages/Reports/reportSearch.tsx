import { foldForSearch } from '../../../../preload/common/search';
import { Field } from '../../components/Field';

/** Rows whose text holds every word searched for (accents and case folded, digits as typed). */
export function matchesSearch(search: string, ...texts: (string | null | undefined)[]): boolean {
  const words = foldForSearch(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldForSearch(texts.filter(Boolean).join('\n'));
  return words.every((word) => haystack.includes(word.replace(/[^\p{L}\p{N}@.]/gu, '') || word));
}

export function SearchField({ id, hint, value, onChange }: { id: string; hint: string; value: string; onChange(value: string): void }) {
  return (
    <div className="toolbar__search">
      <Field id={id} label="Search" hint={hint}>
        {(control) => <input {...control} className="input" type="search" autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />}
      </Field>
    </div>
  );
}
