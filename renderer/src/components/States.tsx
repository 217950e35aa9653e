import type { ReactNode } from 'react';

/** A progress bar with its words: determinate when the total is known. */
export function ProgressBar({ value, max, label }: { value: number; max: number | null; label: string }) {
  return (
    <div className="progress">
      <progress value={max ? Math.min(value, max) : undefined} max={max ?? undefined} aria-label={label} />
      <span className="progress-label">{label}</span>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" aria-busy="true">
      Loading {what}…
    </p>
  );
}

export function ErrorMessage({ children, onRetry }: { children: ReactNode; onRetry?: () => void }) {
  return (
    <div role="alert" className="state error">
      <span>{children}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
    </div>
  );
}
