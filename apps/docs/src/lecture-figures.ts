/**
 * The course lecture's deterministic figures on names.txt (see ../shared/data/README.md), by the example
 * that prints them. The examples test asserts each is printed, and shown in the chapter's output.
 */
export const LECTURE_FIGURES: Record<string, readonly string[]> = {
  'counting-bigrams.ts': [
    '32033',
    '28 0 25 26 27',
    '(<START>, e) 1, (e, m) 1, (m, m) 1, (m, a) 1, (a, <END>) 2, (<START>, o) 1, (o, l) 1, (l, i) 1, (i, v) 1, (v, i) 1, (i, a) 1',
    '(n, <END>) 6763, (a, <END>) 6640, (a, n) 5438, (<START>, a) 4410, (e, <END>) 3983',
    ' 541 ',
    'P(b first) = 1306 / 32033 = 0.0408',
  ],
  'probabilities-and-sampling.ts': [
    '[ 28, 1 ] [ 28 ]',
    'P[<START>] a b c: 0.1377 0.0408 0.0481',
    'every row sums to 1: 1.0000 1.0000 1.0000',
    'row <END>: 0 [ NaN, NaN, NaN ]',
  ],
  'likelihood-and-smoothing.ts': [
    'emma: -3.0408',
    '= -12.5690',
    '= -17.5112',
    '= -8.7055',
    '= -21.5142',
    '= -17.4682',
    'loss per name: 17.4786',
    'loss per character: 2.4540 over 228146 bigrams',
    '(j, q) 0.0000, (q, <END>) 0.1029 -Infinity',
    '2.4540 → 2.4546 with N + 1',
  ],
  'neural-bigram.ts': [
    '[ 26, 4, 12, 12, 0 ] [ 4, 12, 12, 0, 27 ]',
    '<START> ··························█·',
    '[ 5, 1 ]',
    '[ 5, 28 ] 1.0000',
    '[ 228146 ] [ 228146, 28 ]',
    '100: ',
  ],
  'mlp.ts': [
    '<START> <START> <START> → e',
    'm m a → <END>',
    '[ [ 28, 2 ], [ 6, 100 ], [ 100 ], [ 100, 28 ], [ 28 ] ]',
    '3584',
    '[ 5, 3 ] [ 5, 3, 2 ] [ 5, 6 ] [ 5, 100 ] [ 5, 28 ]',
    '[ 228146, 3 ] [ 228146 ]',
  ],
  'mini-batches.ts': ['step 1000: ', 'work per step: 228146 / 64 = 3564.8×', '25626 3203 3204'],
};
