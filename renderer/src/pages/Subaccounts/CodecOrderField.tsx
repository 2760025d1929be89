import { errorIdOf, hintIdOf } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { codecLabel } from '../../../../preload/common/catalog';
import { codecRows, type CodecRow } from './subaccountForm';

interface CodecOrderFieldProps {
  codecs: readonly CodecRow[];
  error: string | undefined;
  onChange(codecs: CodecRow[]): void;
}

const FIELD_ID = 'subaccount-codecs';

/** A ticked codec joins the end of the allowed list; an unticked one leaves it (order only matters among allowed ones). */
function toggled(rows: readonly CodecRow[], value: CodecRow['value'], allowed: boolean): CodecRow[] {
  const stillAllowed = rows.filter((row) => row.allowed && row.value !== value).map((row) => row.value);
  return codecRows(allowed ? [...stillAllowed, value] : stillAllowed);
}

function moved(rows: readonly CodecRow[], from: number, to: number): CodecRow[] {
  const next = [...rows];
  const [row] = next.splice(from, 1);
  if (row) next.splice(to, 0, row);
  return next;
}

/** Guide: "Allowed Codecs" — which codecs the device may use, in the order it should offer them. */
export function CodecOrderField({ codecs, error, onChange }: CodecOrderFieldProps) {
  const describedBy = [hintIdOf(FIELD_ID), error ? errorIdOf(FIELD_ID) : null].filter(Boolean).join(' ');
  return (
    <fieldset className={error ? 'field codec-order field--invalid' : 'field codec-order'} aria-describedby={describedBy}>
      <legend className="field__label">Allowed codecs</legend>
      <p className="field__hint" id={hintIdOf(FIELD_ID)}>
        Tick the codecs to allow. The first one is preferred; use the arrows to change the order.
      </p>
      <ol className="codec-order__list">
        {codecs.map((codec, index) => {
          const label = codecLabel(codec.value);
          return (
            <li key={codec.value} className={codec.allowed ? 'codec-order__item' : 'codec-order__item codec-order__item--off'}>
              <label className="checkbox" htmlFor={`subaccount-codec-${index}`}>
                <input
                  id={`subaccount-codec-${index}`}
                  type="checkbox"
                  checked={codec.allowed}
                  onChange={(event) => onChange(toggled(codecs, codec.value, event.target.checked))}
                />
                {label}
              </label>
              {codec.allowed ? (
                <span className="codec-order__moves">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${label} up`}
                    disabled={index === 0}
                    onClick={() => onChange(moved(codecs, index, index - 1))}
                  >
                    <Icon name="chevronUp" size={16} />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${label} down`}
                    disabled={!codecs[index + 1]?.allowed}
                    onClick={() => onChange(moved(codecs, index, index + 1))}
                  >
                    <Icon name="chevronDown" size={16} />
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {error ? (
        <p className="field__error" id={errorIdOf(FIELD_ID)}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
