import { useId, type ReactNode } from 'react';

/** What an input needs to be tied to its label, help and error for screen readers. */
export interface FieldControl {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean;
}

/**
 * One row of a .form-grid: the label, the control, its help and, when main
 * refused the value, the reason right next to it.
 */
export function Field({
  label,
  help,
  error,
  children,
}: {
  label: string;
  help?: string;
  error?: string | null;
  children: (control: FieldControl) => ReactNode;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div className="field">
        {children({ id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(error) })}
        {help && (
          <small id={helpId} className="muted">
            {help}
          </small>
        )}
      </div>
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
