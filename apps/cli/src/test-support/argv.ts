/**
 * An argument list written as a command line, so that a long one reads on one line:
 * `` argv`train --model mlp --out ${out} ${QUICK}` `` is `['train', '--model', 'mlp', '--out', out, ...QUICK]`.
 *
 * The literal text splits at whitespace; each interpolated string stays one argument whole (a path with
 * spaces in it included) and an interpolated array adds its elements. A value must stand apart from the
 * text beside it: `--out=${out}` throws rather than guess whether it meant one argument or two.
 */
export function argv(text: TemplateStringsArray, ...values: (string | readonly string[])[]): string[] {
  const args: string[] = [];
  for (const [i, part] of text.entries()) {
    const touchesValue = (i > 0 && /^\S/.test(part)) || (i < values.length && /\S$/.test(part));
    if (touchesValue) throw new Error(`argv: put a space between '${part}' and the value beside it.`);
    args.push(...part.split(/\s+/).filter((word) => word.length > 0));
    const value = values[i];
    if (value !== undefined) args.push(...(typeof value === 'string' ? [value] : value));
  }
  return args;
}
