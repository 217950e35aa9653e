import { useState } from 'react';
import type { Vendor } from '../../../../shared/vendors';
import { Field } from './Field';
import { messageFor, type Problem } from './problems';
import { fieldsOf, fieldText, type SettingName, type SettingsDraft } from './vendor-fields';

interface SettingsFieldsProps {
  vendor: Vendor;
  draft: SettingsDraft;
  onChange(draft: SettingsDraft): void;
  problem: Problem | null;
}

/** The settings fields of one form, named as main names them in its errors. */
export const settingFieldNames = (vendor: Vendor): string[] => {
  const { required, advanced } = fieldsOf(vendor);
  return [...required, ...advanced].map((name) => `settings.${name}`);
};

function SettingInput({ vendor, draft, onChange, problem, name, isRequired }: SettingsFieldsProps & { name: SettingName; isRequired: boolean }) {
  const text = fieldText(vendor, name);
  return (
    <Field label={text.label} help={text.help} error={messageFor(problem, `settings.${name}`)}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={name === 'baseUrl' ? 'url' : 'text'}
          value={draft[name]}
          placeholder={text.placeholder}
          aria-required={isRequired}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange({ ...draft, [name]: event.target.value })}
        />
      )}
    </Field>
  );
}

/** What the vendor cannot work without (TalentLynk's App ID, TalkPilot's own address, HighLevel's location). */
export function RequiredSettingsFields(props: SettingsFieldsProps) {
  return fieldsOf(props.vendor).required.map((name) => <SettingInput key={name} {...props} name={name} isRequired />);
}

/**
 * The vendor's optional fields (another base URL, some agents only) under
 * "Advanced", opened when one is filled in or has a problem.
 */
export function AdvancedSettingsFields(props: SettingsFieldsProps) {
  const { advanced } = fieldsOf(props.vendor);
  const [open, setOpen] = useState(() => advanced.some((name) => props.draft[name].trim() !== ''));
  const hasProblem = advanced.some((name) => messageFor(props.problem, `settings.${name}`));
  if (!advanced.length) return null;
  return (
    <details className="advanced" open={open || hasProblem} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Advanced</summary>
      <div className="form-grid">
        {advanced.map((name) => (
          <SettingInput key={name} {...props} name={name} isRequired={false} />
        ))}
      </div>
    </details>
  );
}
