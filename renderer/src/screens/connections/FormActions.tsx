/** A connection form's buttons: submit (busy while saving) and, when the form can be left, Cancel. */
export function FormActions({ saving, submitLabel, onCancel }: { saving: boolean; submitLabel: string; onCancel: (() => void) | undefined }) {
  return (
    <div className="toolbar form-actions">
      <button type="submit" className="primary" disabled={saving} aria-busy={saving}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
