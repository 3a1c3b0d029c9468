import { useEffect, useState } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage, type CoachState } from '@/utils/messaging';
import { textOf } from '@/utils/packs/text';

export function App({ ctx }: { ctx: ContentScriptContext }) {
  const [state, setState] = useState<CoachState | null>(null);
  useEffect(() => {
    sendMessage('getCoachState', { url: location.href, recordKey: null })
      .then((s) => {
        if (!ctx.isInvalid) setState(s);
      })
      .catch(() => {});
    void sendMessage('recordEvents', [
      { id: crypto.randomUUID(), at: Date.now(), kind: 'page.view', crm: 'salesforce' },
    ]).catch(() => {});
  }, [ctx]);
  const tip = state?.packs[0]?.tips?.[0];
  if (!tip || !state) return null;
  return (
    <div data-coach-tip={`${state.packs[0].id}/${tip.id}`} role="status">
      <strong>{textOf(tip.title, 'en')}</strong>
    </div>
  );
}
