import { useSyncExternalStore } from 'react';
import { Overlay, type OverlayStage } from '@/components/overlay/Overlay';
import type { OverlaySource } from '@/components/overlay/types';

export function App({ coach, stage }: { coach: OverlaySource; stage: OverlayStage }) {
  const view = useSyncExternalStore(coach.subscribe, coach.getSnapshot);
  return <Overlay view={view} actions={coach.actions} stage={stage} />;
}
