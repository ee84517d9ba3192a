/** The model the page opens with, and a note for the page when the URL asked for one it lacks. */
export interface QueryModel {
  /** A name of `models`. */
  model: string;
  /** Empty, or one sentence saying which name was unknown and what the page picked instead. */
  note: string;
}

/**
 * The model named by the page URL's `?model=<name>` (guide chapters link to the playground that
 * way), or `fallback` with a note when the name is not one the playground lists.
 *
 * @param search - `location.search`, e.g. `?model=wavenet`
 * @param models - the names the playground lists
 * @param fallback - the model to open otherwise (must be in `models`)
 * @returns the model to preselect and the note to show
 */
export function modelFromQuery(search: string, models: readonly string[], fallback = 'mlp'): QueryModel {
  const asked = new URLSearchParams(search).get('model');
  if (asked === null || asked === '') return { model: fallback, note: '' };
  if (models.includes(asked)) return { model: asked, note: '' };
  return {
    model: fallback,
    note: `There is no model called '${asked}' in the playground; showing ${fallback} instead (choose one of ${models.join(', ')}).`,
  };
}
