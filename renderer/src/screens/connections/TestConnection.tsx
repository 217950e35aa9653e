import { useState } from 'react';
import type { ConnectionTestResult } from '../../../../shared/connections';
import { request } from '../../api';
import { problemOf } from './problems';

/** Asks the vendor, with the saved key, whether the connection works, and says so in plain words. */
export function TestConnection({ connectionId, autoFocus, disabled }: { connectionId: number; autoFocus?: boolean; disabled?: boolean }) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);

  const test = async () => {
    setTesting(true);
    setResult(null);
    try {
      setResult(await request('connections/test', { connectionId }));
    } catch (error) {
      setResult({ ok: false, message: problemOf(error).message });
    } finally {
      setTesting(false);
    }
  };

  const names = result?.found?.names ?? [];
  return (
    <div className="test-connection">
      <button type="button" onClick={() => void test()} disabled={testing || disabled} aria-busy={testing} autoFocus={autoFocus}>
        {testing ? 'Testing…' : 'Test connection'}
      </button>
      {result && (
        <div className={result.ok ? 'test-result ok' : 'test-result error'} role={result.ok ? 'status' : 'alert'} data-testid="test-result">
          <span>{result.message}</span>
          {names.length > 5 && (
            <details>
              <summary>All {names.length}</summary>
              <ul>
                {names.map((name, i) => (
                  <li key={`${i}-${name}`}>{name}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </div>
  );
}
