import { useRef, useState, type FormEvent } from 'react';
import type { ConnectionSummary } from '../../../../shared/connections';
import { VENDOR_NAMES, VENDORS, type Vendor } from '../../../../shared/vendors';
import { request } from '../../api';
import { ErrorMessage } from '../../components/States';
import { useFocusFirstInvalid } from '../../lib/focus';
import { Field } from './Field';
import { formMessage, messageFor, problemOf, type Problem } from './problems';
import { keyStatusWords } from './key-status';
import { TestConnection } from './TestConnection';
import { EMPTY_DRAFT, keyText as keyTextOf, settingsFromDraft } from './vendor-fields';
import { AdvancedSettingsFields, RequiredSettingsFields, settingFieldNames } from './VendorSettingsFields';
import './connections.css';
import { FormActions } from './FormActions';

/**
 * Adds one connection: the vendor, a name, exactly that vendor's settings and
 * the key (which goes to the keychain). Once added it offers a test before
 * moving on, so a wrong key shows up now rather than at the first sync.
 * Used by the Connections screen and by the first run (outside the app's context).
 */
export function AddConnectionForm(props: { onAdded(connection: ConnectionSummary): void; onCancel?: () => void }) {
  const [added, setAdded] = useState<ConnectionSummary | null>(null);
  if (added) return <Added connection={added} onContinue={() => props.onAdded(added)} />;
  return <NewConnectionForm onSaved={setAdded} onCancel={props.onCancel} />;
}

function NewConnectionForm({ onSaved, onCancel }: { onSaved(connection: ConnectionSummary): void; onCancel: (() => void) | undefined }) {
  const [vendor, setVendor] = useState<Vendor>('talentlynk');
  const [label, setLabel] = useState('');
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [apiKey, setApiKey] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problem);
  const keyText = keyTextOf(vendor);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      onSaved(await request('connections/add', { vendor, label, settings: settingsFromDraft(vendor, draft), apiKey }));
    } catch (error) {
      setProblem(problemOf(error));
      setSaving(false);
    }
  };

  const shownFields = ['vendor', 'label', 'apiKey', ...settingFieldNames(vendor)];
  return (
    <form
      ref={form}
      className="connection-form"
      aria-label="Add a connection"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) onCancel();
      }}
    >
      <h2>Add a connection</h2>
      <div className="form-grid">
        <Field label="Platform" error={messageFor(problem, 'vendor')}>
          {(control) => (
            <select {...control} name="vendor" autoFocus value={vendor} onChange={(event) => setVendor(event.target.value as Vendor)}>
              {VENDORS.map((v) => (
                <option key={v} value={v}>
                  {VENDOR_NAMES[v]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name" help="How this connection is shown in Talktally, e.g. “London team”." error={messageFor(problem, 'label')}>
          {(control) => (
            <input
              {...control}
              name="label"
              value={label}
              aria-required
              autoComplete="off"
              maxLength={100}
              onChange={(event) => setLabel(event.target.value)}
            />
          )}
        </Field>
        <RequiredSettingsFields vendor={vendor} draft={draft} onChange={setDraft} problem={problem} />
        <Field label={keyText.label} help={keyText.help} error={messageFor(problem, 'apiKey')}>
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
        <AdvancedSettingsFields vendor={vendor} draft={draft} onChange={setDraft} problem={problem} />
      </div>
      {formMessage(problem, shownFields) && <ErrorMessage>{formMessage(problem, shownFields)}</ErrorMessage>}
      <FormActions saving={saving} submitLabel={saving ? 'Adding…' : 'Add connection'} onCancel={onCancel} />
    </form>
  );
}

function Added({ connection, onContinue }: { connection: ConnectionSummary; onContinue(): void }) {
  return (
    <section className="connection-added" aria-label="Connection added">
      <h2>Added “{connection.label}”</h2>
      <p role="status">
        {VENDOR_NAMES[connection.vendor]} · <span className="key-state">{keyStatusWords(connection.keySet)}</span>. Test it now to check the key and settings.
      </p>
      <TestConnection connectionId={connection.id} autoFocus />
      <div className="toolbar form-actions">
        <button type="button" className="primary" onClick={onContinue}>
          Continue
        </button>
      </div>
    </section>
  );
}
