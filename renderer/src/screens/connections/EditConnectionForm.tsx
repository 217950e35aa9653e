import { useState, type FormEvent } from 'react';
import type { ConnectionSummary } from '../../../../shared/connections';
import { request } from '../../api';
import { ErrorMessage } from '../../components/States';
import { Field } from './Field';
import { formMessage, messageFor, problemOf, type Problem } from './problems';
import { draftFromSettings, settingsFromDraft } from './vendor-fields';
import { AdvancedSettingsFields, RequiredSettingsFields, settingFieldNames } from './VendorSettingsFields';
import { FormActions } from './FormActions';

/** Changes a connection's name and settings; the vendor stays (a different vendor is a different connection). */
export function EditConnectionForm({ connection, onSaved, onCancel }: { connection: ConnectionSummary; onSaved(): void; onCancel(): void }) {
  const [label, setLabel] = useState(connection.label);
  const [draft, setDraft] = useState(() => draftFromSettings(connection.settings));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      await request('connections/update', { connectionId: connection.id, label, settings: settingsFromDraft(connection.vendor, draft) });
      onSaved();
    } catch (error) {
      setProblem(problemOf(error));
      setSaving(false);
    }
  };

  const shownFields = ['label', ...settingFieldNames(connection.vendor)];
  return (
    <form
      className="connection-form"
      aria-label={`Edit ${connection.label}`}
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <div className="form-grid">
        <Field label="Name" error={messageFor(problem, 'label')}>
          {(control) => <input {...control} name="label" value={label} autoFocus autoComplete="off" maxLength={100} onChange={(event) => setLabel(event.target.value)} />}
        </Field>
        <RequiredSettingsFields vendor={connection.vendor} draft={draft} onChange={setDraft} problem={problem} />
        <AdvancedSettingsFields vendor={connection.vendor} draft={draft} onChange={setDraft} problem={problem} />
      </div>
      {formMessage(problem, shownFields) && <ErrorMessage>{formMessage(problem, shownFields)}</ErrorMessage>}
      <FormActions saving={saving} submitLabel="Save changes" onCancel={onCancel} />
    </form>
  );
}
