import { describeCharacter, type Vocab } from '@makemore/data';
import type { ModelConfig } from '@makemore/train';

/**
 * Text as the model was trained to read it: lower-cased when its data was (`train --lowercase`).
 *
 * @param config - the model's config
 * @param text - a word, an item or a prefix
 */
export function asTrained(config: ModelConfig, text: string): string {
  return config.data.lowercase ? text.toLowerCase() : text;
}

/**
 * The characters of `text` that are not in the vocabulary, each once, in order of appearance.
 *
 * @param vocab - the model's vocabulary
 * @param text - a word or an item
 */
export function unknownCharacters(vocab: Vocab, text: string): string[] {
  return [...new Set([...text].filter((char) => !vocab.has(char)))];
}

/**
 * Characters listed for a message, each quoted with its code point so invisible and look-alike
 * characters can be told apart: `'é' (U+00E9), '♀' (U+2640)`.
 *
 * @param chars - the characters
 */
export function listCharacters(chars: readonly string[]): string {
  return chars.map(describeCharacter).join(', ');
}
