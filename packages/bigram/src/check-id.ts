import { DataError, type Vocab } from '@makemore/data';

/** Throws unless `id` is a token id of `vocab`; `what` names the argument in the message. */
export function checkTokenId(vocab: Vocab, id: number, what: string): void {
  if (!Number.isInteger(id) || id < 0 || id >= vocab.size) {
    throw new DataError(
      'BAD_ARGUMENT',
      `The ${what} token id ${id} is out of range; this vocabulary has ids 0 to ${vocab.size - 1}.`,
    );
  }
}
