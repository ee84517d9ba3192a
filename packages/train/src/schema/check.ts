/**
 * A few composable checks for the JSON files of a model directory, in place of a schema library that
 * would be most of a browser bundle that loads a model and samples from it. Each check takes a parsed
 * JSON value and returns a fresh, typed copy, or throws a {@link SchemaIssue} that names the first
 * offending field and what was expected there. The constants are marked pure so that a bundler
 * drops the ones a page does not use.
 *
 * @internal
 */

/** Where in the JSON a value sits: object keys and array indices from the top. */
export type Path = readonly (string | number)[];

/** Checks `value` (found at `path`) and returns it typed, or throws a {@link SchemaIssue}. */
export interface Check<T> {
  (value: unknown, path: Path): T;
  /** What the check accepts, as a phrase: `a positive integer`, `one of "sgd", "adamw"`. */
  readonly expected: string;
  /** Set by {@link optional}: the field may be left out of its object. */
  readonly optional?: true;
}

/** The first problem found: where, and what was wrong there (`expected a string, got 3`). */
export class SchemaIssue extends Error {
  constructor(
    readonly path: Path,
    readonly problem: string,
  ) {
    super(problem);
    this.name = 'SchemaIssue';
  }

  /** The path as `data.items` or `history.losses.0`, or `the top level`. */
  get where(): string {
    return this.path.length > 0 ? this.path.join('.') : 'the top level';
  }
}

/** How a received value reads in a message: its JSON (`null`, `[1,2]`, `"adam"`, `-1`), cut at 40 characters. */
export function describe(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function fail(path: Path, expected: string, value: unknown): never {
  throw new SchemaIssue(path, `expected ${expected}, got ${describe(value)}`);
}

function check<T>(expected: string, run: (value: unknown, path: Path) => T): Check<T> {
  return Object.assign(run, { expected });
}

/** A check of a single value that `accepts` says yes or no to, described by `expected`. */
export function leaf<T>(expected: string, accepts: (value: unknown) => boolean): Check<T> {
  return check(expected, (value, path) => (accepts(value) ? (value as T) : fail(path, expected, value)));
}

/** A check of a finite number that `accepts` also says yes to. */
function finite(expected: string, accepts: (value: number) => boolean): Check<number> {
  return leaf(expected, (v) => Number.isFinite(v) && accepts(v as number));
}

// JSON has no NaN or Infinity, and Number.isFinite and Number.isInteger say no to anything else.
export const number = /* @__PURE__ */ finite('a number', () => true);
export const positiveNumber = /* @__PURE__ */ finite('a positive number', (v) => v > 0);
export const nonNegativeNumber = /* @__PURE__ */ finite('a non-negative number', (v) => v >= 0);
export const integer = /* @__PURE__ */ finite('an integer', Number.isInteger);
export const positiveInteger = /* @__PURE__ */ finite(
  'a positive integer',
  (v) => Number.isInteger(v) && v > 0,
);
export const nonNegativeInteger = /* @__PURE__ */ finite(
  'a non-negative integer',
  (v) => Number.isInteger(v) && v >= 0,
);
export const string = /* @__PURE__ */ leaf<string>('a string', (v) => typeof v === 'string');
export const nonEmptyString = /* @__PURE__ */ leaf<string>(
  'a non-empty string',
  (v) => typeof v === 'string' && v !== '',
);
export const boolean = /* @__PURE__ */ leaf<boolean>('true or false', (v) => typeof v === 'boolean');

/** A string that matches `pattern`, described by `expected` (`64 lowercase hex digits`). */
export function matching(pattern: RegExp, expected: string): Check<string> {
  return leaf(expected, (v) => typeof v === 'string' && pattern.test(v));
}

/** One of `values`. */
export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  return leaf(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (v) => values.includes(v as T));
}

/** Exactly `value`, such as a format marker. */
export function literal<const T extends string>(value: T): Check<T> {
  return leaf(JSON.stringify(value), (v) => v === value);
}

/** `null` or what `inner` accepts. */
export function nullable<T>(inner: Check<T>): Check<T | null> {
  const expected = `${inner.expected} or null`;
  return check(expected, (value, path) => {
    if (value === null) return null;
    try {
      return inner(value, path);
    } catch (error) {
      // A mismatch of the value itself (not of a field inside it) also says that null was fine.
      if (error instanceof SchemaIssue && error.path === path) fail(path, expected, value);
      throw error;
    }
  });
}

/** A field of an {@link object} that may be left out. */
export function optional<T>(inner: Check<T>): Check<T> & { readonly optional: true } {
  return Object.assign(
    check(inner.expected, (value, path) => inner(value, path)),
    { optional: true as const },
  );
}

/** An array of what `item` accepts; of exactly `length` items when given. */
export function array<T>(item: Check<T>, length?: number): Check<T[]> {
  const expected = length === undefined ? 'an array' : `an array of ${length}`;
  return check(expected, (value, path) => {
    if (!Array.isArray(value) || (length !== undefined && value.length !== length))
      fail(path, expected, value);
    return value.map((v, i) => item(v, [...path, i]));
  });
}

/** A pair whose items have their own checks, such as `[step, loss]`. */
export function pair<A, B>(a: Check<A>, b: Check<B>, expected: string): Check<[A, B]> {
  return check(expected, (value, path) => {
    if (!Array.isArray(value) || value.length !== 2) fail(path, expected, value);
    return [a(value[0], [...path, 0]), b(value[1], [...path, 1])];
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with any keys whose values `item` accepts. */
export function record<T>(item: Check<T>): Check<Record<string, T>> {
  return check('an object', (value, path) => {
    if (!isObject(value)) fail(path, 'an object', value);
    // fromEntries defines own properties, so a `__proto__` key stays a plain key.
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, item(v, [...path, key])]));
  });
}

type Shape = Record<string, Check<unknown>>;
type Optional<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Infer<C> = C extends Check<infer T> ? T : never;
type Output<S extends Shape> = { -readonly [K in Exclude<keyof S, Optional<S>>]: Infer<S[K]> } & {
  -readonly [K in Optional<S>]?: Infer<S[K]>;
};

/**
 * An object with exactly the fields of `shape`, each required unless {@link optional}, and no others:
 * a misspelt field is an error, not silently dropped.
 */
export function object<S extends Shape>(shape: S): Check<Output<S>> {
  return check('an object', (value, path) => {
    if (!isObject(value)) fail(path, 'an object', value);
    const unknownKeys = Object.keys(value).filter((key) => !Object.hasOwn(shape, key));
    if (unknownKeys.length > 0) {
      const list = unknownKeys.map((key) => JSON.stringify(key)).join(', ');
      throw new SchemaIssue(path, `unknown field${unknownKeys.length > 1 ? 's' : ''} ${list}`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      if (!Object.hasOwn(value, key) || value[key] === undefined) {
        if (field.optional) continue;
        throw new SchemaIssue([...path, key], `missing; expected ${field.expected}`);
      }
      out[key] = field(value[key], [...path, key]);
    }
    return out as Output<S>;
  });
}
