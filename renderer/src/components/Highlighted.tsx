import { Fragment } from 'react';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../shared/calls';

/**
 * A snippet from main with its matches marked by control characters: split on
 * them and wrap the matches in <mark>, so no text is ever parsed as HTML.
 */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(HIGHLIGHT_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <Fragment key={i}>{part}</Fragment>;
        const [match = '', rest = ''] = part.split(HIGHLIGHT_END);
        return (
          <Fragment key={i}>
            <mark>{match}</mark>
            {rest}
          </Fragment>
        );
      })}
    </>
  );
}
