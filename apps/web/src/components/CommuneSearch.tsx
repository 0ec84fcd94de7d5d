import { useEffect, useId, useState } from 'react';
import { useQuery } from 'urql';
import { CommunesDocument, type CommunesQuery } from '../graphql/generated';

export type Commune = CommunesQuery['communes'][number];

/** A commune the API gave by its INSEE code only (an offer's, a partner's): shown as such until another is chosen. */
export function communeOfCode(inseeCode: string): Commune {
  return { inseeCode, name: `Commune ${inseeCode} (code INSEE)`, postalCodes: [], inTerritory: true };
}

/**
 * A commune found as you type (a name's beginning or a postal code): the matches are buttons below
 * the field, reachable with Tab and chosen with Enter; how many were found is announced.
 */
export function CommuneSearch({ value, onChange, errors, label = 'Commune de résidence' }: { value: Commune | null; onChange: (commune: Commune | null) => void; errors?: string[]; label?: string }) {
  const id = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching }] = useQuery({ query: CommunesDocument, variables: { search }, pause: search.length < 2 || value !== null });
  const found = search.length >= 2 && !value ? (data?.communes ?? []) : [];
  const described = [`${id}-hint`, errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ');

  if (value) {
    return (
      <div className={errors?.length ? 'field field-error' : 'field'}>
        <p className="label">{label}</p>
        <p className="chosen">
          <strong>{value.name}</strong> {value.inTerritory ? '' : '(hors du territoire de Saint-Étienne Métropole)'}{' '}
          <button type="button" className="link" onClick={() => onChange(null)}>
            Changer de commune
          </button>
        </p>
        {errors?.length ? <p className="error">{errors.join(' ')}</p> : null}
      </div>
    );
  }
  return (
    <div className={errors?.length ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        Tapez le début du nom ou le code postal, puis choisissez dans la liste.
      </p>
      <input id={id} type="text" autoComplete="off" value={text} onChange={(event) => setText(event.target.value)} aria-describedby={described} aria-invalid={errors?.length ? true : undefined} />
      {errors?.length ? (
        <p className="error" id={`${id}-error`}>
          {errors.join(' ')}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {search.length >= 2 && !fetching ? `${found.length} commune${found.length > 1 ? 's' : ''} trouvée${found.length > 1 ? 's' : ''}` : ''}
      </p>
      {found.length > 0 && (
        <ul className="choices" aria-label="Communes trouvées">
          {found.map((commune) => (
            <li key={commune.inseeCode}>
              <button type="button" onClick={() => onChange(commune)}>
                {commune.name} ({commune.postalCodes.join(', ')})
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
