import { ATTENTION_OPS } from './attention.js';
import type { OpAttrs, OpName } from './attrs.js';
import { BINARY_OPS, UNARY_OPS } from './elementwise.js';
import { INDEXING_OPS } from './indexing.js';
import { LAYOUT_OPS } from './layout.js';
import { LOSS_OPS } from './loss.js';
import { LSTM_OPS } from './lstm.js';
import { MATMUL_OPS } from './matmul.js';
import { NORM_OPS } from './norm.js';
import { REDUCE_OPS } from './reduce.js';
import type { OpDef } from './types.js';

export type { BinaryOpName, OpAttrs, OpName, UnaryOpName } from './attrs.js';

/** The op table type: a total map from op name to its definition. */
export type OpTable = { readonly [P in OpName]: OpDef<OpAttrs[P]> };

/**
 * The single table of primitive ops. Composites (softmax, logSoftmax, mean, var, ...) are built
 * from these and have no entry or rule of their own.
 */
export const OPS: OpTable = {
  ...UNARY_OPS,
  ...BINARY_OPS,
  ...REDUCE_OPS,
  ...LAYOUT_OPS,
  ...INDEXING_OPS,
  ...MATMUL_OPS,
  ...LOSS_OPS,
  ...NORM_OPS,
  ...ATTENTION_OPS,
  ...LSTM_OPS,
};

/** Names of all primitive ops, for table-driven tests. */
export const OP_NAMES = Object.keys(OPS) as OpName[];
