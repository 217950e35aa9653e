import { useEffect, useId, useRef } from 'react';
import type { ReaderLayout } from './reader-layout';
import { Splitter } from './Splitter';

interface Props {
  layout: ReaderLayout;
  onResize(width: number): void;
  onClose(): void;
  children: React.ReactNode;
}

const FOCUSABLE =
  'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary, a[href], [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab go round the dialog's own controls, as in any modal dialog. */
function keepTabInside(event: React.KeyboardEvent<HTMLElement>) {
  if (event.key !== 'Tab') return;
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Where the transcript reader sits: beside the table behind a splitter, or,
 * when the window is too narrow for both, over the table as a modal dialog
 * (focus moves into it and stays there until Esc or ✕). One element in both
 * cases, so a resize that crosses the line keeps what the reader shows and
 * the word being found.
 */
export function ReaderPane({ layout, onResize, onClose, children }: Props) {
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  const overlay = layout.mode === 'overlay';
  useEffect(() => {
    if (overlay) panel.current?.focus();
  }, [overlay]);

  return (
    <>
      {layout.mode === 'side' && <Splitter value={layout.width} min={layout.min} max={layout.max} onChange={onResize} controls={id} />}
      {overlay && <div className="reader-scrim" aria-hidden="true" onClick={onClose} />}
      <div
        id={id}
        ref={panel}
        className={`reader ${overlay ? 'reader-overlay' : 'reader-side'}`}
        role={overlay ? 'dialog' : 'complementary'}
        aria-modal={overlay || undefined}
        aria-label="Transcript"
        tabIndex={overlay ? -1 : undefined}
        style={layout.mode === 'side' ? { width: layout.width } : undefined}
        onKeyDown={overlay ? keepTabInside : undefined}
      >
        {children}
      </div>
    </>
  );
}
