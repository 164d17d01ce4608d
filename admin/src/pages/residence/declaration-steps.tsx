// 办理记录 of a declaration: each step (declared, risk found, verified, moved out, …) oldest first as the API
// sends it, by role, with the note and photos taken on the ground.
import { Timeline } from 'antd';
import type { DeclarationStep } from '../../api/residence';
import { formatDateTime } from '../../ui/format';
import { PhotoStrip } from '../events/event-photos';
import { actorName } from './labels';

export function DeclarationSteps({ steps, roleNames }: { steps: DeclarationStep[]; roleNames: Record<string, string> }) {
  return (
    <section aria-label="申报办理记录" className="detail-section">
      <h2 className="section-title">办理记录</h2>
      {steps.length === 0 ? (
        <p>暂无办理记录。</p>
      ) : (
        <Timeline
          style={{ marginTop: 16 }}
          items={steps.map((step) => ({
            key: step.seq,
            content: (
              <div>
                <div>
                  <strong>{step.actionName}</strong>
                  <span className="timeline-meta">
                    {actorName(step.actorRole, roleNames)} · <time dateTime={step.at}>{formatDateTime(step.at)}</time>
                  </span>
                </div>
                {step.note ? <p className="timeline-note">{step.note}</p> : null}
                <PhotoStrip photos={step.photos ?? []} label={`${step.actionName}照片`} />
              </div>
            ),
          }))}
        />
      )}
    </section>
  );
}
