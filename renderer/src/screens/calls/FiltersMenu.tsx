import { useEffect, useId, useRef, useState } from 'react';

interface Props {
  /** How many filters differ from their defaults. */
  active: number;
  onClear(): void;
  /** The Filters button, for whoever needs to give it focus back (the chips, when the last goes). */
  buttonRef?: React.RefObject<HTMLButtonElement | null>;
  children: React.ReactNode;
}

/**
 * "Filters (n)": one button on the toolbar line that opens the panel of
 * filter controls under it. Opening moves focus to the panel's first control;
 * Esc closes it and gives focus back to the button; a click elsewhere or Tab
 * past its last control closes it too. The panel stays in the page while
 * closed, so what it loaded (the trackers) is there when it opens again.
 */
export function FiltersMenu({ active, onClear, buttonRef, children }: Props) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const ownButton = useRef<HTMLButtonElement>(null);
  const button = buttonRef ?? ownButton;
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('button:not(:disabled), input, select')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!wrap.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div
      className="filters-menu"
      ref={wrap}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        // Esc is the panel's: not the page's (which would close the transcript).
        event.stopPropagation();
        event.preventDefault();
        close();
      }}
      onBlur={(event) => {
        // Focus gone to another control outside (Tab past the end): the panel has done its job. A click on
        // the panel's background sends focus nowhere (relatedTarget null) and keeps it open.
        if (open && event.relatedTarget instanceof Node && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        type="button"
        ref={button}
        className={`filters-button${active ? ' has-filters' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        {active ? `Filters (${active})` : 'Filters'}
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </button>
      <div id={panelId} ref={panel} className="filters-panel" hidden={!open}>
        {children}
        <div className="filters-panel-foot">
          <button type="button" onClick={onClear} disabled={!active}>
            Clear filters{active ? ` (${active})` : ''}
          </button>
          <button type="button" className="primary" onClick={close}>
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
