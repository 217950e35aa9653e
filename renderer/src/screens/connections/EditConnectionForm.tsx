import { useRef, useState, type FormEvent } from 'react';
import { apiOrigin, hostOf } from '../../../../shared/base-url';
import type { ConnectionSummary } from '../../../../shared/connections';
import { request } from '../../api';
import { ErrorMessage } from '../../components/States';
import { useFocusFirstInvalid } from '../../lib/focus';
import { Field } from './Field';
import { formMessage, messageFor, problemOf, type Problem } from './problems';
import { draftFromSettings, keyText, settingsFromDraft } from './vendor-fields';
import { AdvancedSettingsFields, RequiredSettingsFields, settingFieldNames } from './VendorSettingsFields';
import { FormActions } from './FormActions';

/**
 * Changes a connection's name and settings; the vendor stays (a different vendor
 * is a different connection). A new address (another host, port or scheme, or
 * the vendor's default once the base URL is emptied) asks for the key again:
 * main never sends the stored key to an address it was not entered for.
 */
export function EditConnectionForm({ connection, onSaved, onCancel }: { connection: ConnectionSummary; onSaved(): void; onCancel(): void }) {
  const [label, setLabel] = useState(connection.label);
  const [draft, setDraft] = useState(() => draftFromSettings(connection.settings));
  const [apiKey, setApiKey] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problem);

  const settings = settingsFromDraft(connection.vendor, draft);
  const from = apiOrigin(connection.vendor, connection.settings.baseUrl);
  const to = apiOrigin(connection.vendor, settings.baseUrl);
  // An address that cannot be read yet (half typed) counts as new: main explains what is wrong with it.
  const moves = from !== to;
  const key = keyText(connection.vendor);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      // No key typed: main answers beside the key field with why it needs one.
      await request('connections/update', { connectionId: connection.id, label, settings, ...(moves && apiKey.trim() ? { apiKey } : {}) });
      onSaved();
    } catch (error) {
      setProblem(problemOf(error));
      setSaving(false);
    }
  };

  const shownFields = ['label', ...settingFieldNames(connection.vendor), ...(moves ? ['apiKey'] : [])];
  return (
    <form
      ref={form}
      className="connection-form"
      aria-label={`Edit ${connection.label}`}
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <div className="form-grid">
        <Field label="Name" error={messageFor(problem, 'label')}>
          {(control) => (
            <input {...control} name="label" value={label} autoFocus autoComplete="off" maxLength={100} onChange={(event) => setLabel(event.target.value)} />
          )}
        </Field>
        <RequiredSettingsFields vendor={connection.vendor} draft={draft} onChange={setDraft} problem={problem} />
        <AdvancedSettingsFields vendor={connection.vendor} draft={draft} onChange={setDraft} problem={problem} />
        {moves && (
          <Field
            label={`${key.label} for the new address`}
            help={`Talktally sends the stored key only to ${hostOf(from)}. Enter the key to use with ${to === null ? 'the new address' : hostOf(to)}.`}
            error={messageFor(problem, 'apiKey')}
          >
            {(control) => (
              <input
                {...control}
                name="apiKey"
                type="password"
                autoComplete="off"
                spellCheck={false}
                aria-required
                value={apiKey}
                onChange={(event) => setApiKey(event.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      {formMessage(problem, shownFields) && <ErrorMessage>{formMessage(problem, shownFields)}</ErrorMessage>}
      <FormActions saving={saving} submitLabel="Save changes" onCancel={onCancel} />
    </form>
  );
}
