import { ACTIVITY_METRIC_DEFINITIONS, CHANGE_DEFINITION } from '../../../../shared/activity-metrics';

/** Every figure's definition in one list, opened by keyboard like any disclosure. */
export function Glossary() {
  return (
    <details className="glossary panel">
      <summary>What the figures mean</summary>
      <dl>
        {Object.entries(ACTIVITY_METRIC_DEFINITIONS).map(([id, m]) => (
          <div key={id}>
            <dt>{m.name}</dt>
            <dd>{m.definition}</dd>
          </div>
        ))}
        <div>
          <dt>Change (“vs before”)</dt>
          <dd>{CHANGE_DEFINITION}</dd>
        </div>
        <div>
          <dt>Recruiters and AI agents</dt>
          <dd>
            Recruiters are people; TalentLynk reports their figures itself, so its counts may differ slightly from the calls listed. AI agents are voice-AI
            agents; their figures are counted from their calls. The two are shown and totalled apart.
          </dd>
        </div>
      </dl>
    </details>
  );
}
