/**
 * Ten real names from the top of makemore's names.txt: a small list of real words for tests that train
 * or fit a model and want samples that look like names.
 */
export const TEN_NAMES: readonly string[] = [
  'emma',
  'olivia',
  'ava',
  'isabella',
  'sophia',
  'mia',
  'amelia',
  'harper',
  'evelyn',
  'abigail',
];
