import { useRef, useState, type FormEvent } from 'react';
import type { ConnectionSummary } from '../../../../shared/connections';
import { request } from '../../api';
import { ErrorMessage } from '../../components/States';
import { useFocusFirstInvalid } from '../../lib/focus';
import { Field } from './Field';
import { formMessage, messageFor, problemOf, type Problem } from './problems';
import { keyText } from './vendor-fields';
import { FormActions } from './FormActions';

/** Sets or replaces the key. Write-only: the old key is never shown, and the field is emptied once saved. */
export function ReplaceKeyForm({ connection, onSaved, onCancel }: { connection: ConnectionSummary; onSaved(): void; onCancel(): void }) {
  const [apiKey, setApiKey] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problem);
  const text = keyText(connection.vendor);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      await request('connections/set-key', { connectionId: connection.id, apiKey });
      setApiKey('');
      onSaved();
    } catch (error) {
      setProblem(problemOf(error));
      setSaving(false);
    }
  };

  return (
    <form
      ref={form}
      className="connection-form"
      aria-label={connection.keySet === false ? 'Add the key' : 'Replace the key'}
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <div className="form-grid">
        <Field label={connection.keySet === false ? text.label : `New ${text.label}`} help={text.help} error={messageFor(problem, 'apiKey')}>
          {(control) => (
            <input
              {...control}
              name="apiKey"
              type="password"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              value={apiKey}
              onChange={(event) => setApiKey(event.target.value)}
            />
          )}
        </Field>
      </div>
      {formMessage(problem, ['apiKey']) && <ErrorMessage>{formMessage(problem, ['apiKey'])}</ErrorMessage>}
      <FormActions saving={saving} submitLabel="Save key" onCancel={onCancel} />
    </form>
  );
}
