/** Values bound by name (`@name`): SQLite's own types, nothing else. */
export type Params = Readonly<Record<string, string | number>>;

/**
 * SQL text together with the values of the parameters it names, built as one
 * value (as Signal Desktop's `sqlFragment` is), so a parameter is never bound
 * apart from its text and no statement is handed another's values.
 */
export interface Sql {
  readonly text: string;
  readonly params: Params;
}

/** Merges the parameters of two fragments; one name with two values is a mistake in the builder. */
function mergeParams(into: Record<string, string | number>, from: Params): void {
  for (const [name, value] of Object.entries(from)) {
    if (name in into && into[name] !== value) throw new Error(`The SQL parameter @${name} is bound to two values.`);
    into[name] = value;
  }
}

/**
 * A statement or a fragment of one: strings in `${}` are SQL text (never a
 * value typed by someone: those go through `bound`), fragments bring their parameters.
 */
export function sql(strings: TemplateStringsArray, ...parts: readonly (Sql | string)[]): Sql {
  let text = strings[0] ?? '';
  const params: Record<string, string | number> = {};
  parts.forEach((part, i) => {
    if (typeof part === 'string') text += part;
    else {
      text += part.text;
      mergeParams(params, part.params);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params };
}

/** `@name`, bound to `value`. */
export const bound = (name: string, value: string | number): Sql => ({ text: `@${name}`, params: { [name]: value } });

/** Text that binds nothing. */
export const raw = (text: string): Sql => ({ text, params: {} });

/** Fragments joined by `separator`, their parameters together. */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  const params: Record<string, string | number> = {};
  for (const part of parts) mergeParams(params, part.params);
  return { text: parts.map((p) => p.text).join(separator), params };
}
