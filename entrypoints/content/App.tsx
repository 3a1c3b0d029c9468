import { useSyncExternalStore } from 'react';
import { Overlay } from '@/components/overlay/Overlay';
import type { CoachController } from './controller';

export function App({ controller }: { controller: CoachController }) {
  const view = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  return <Overlay view={view} actions={controller.actions} onTipRendered={controller.tipRendered} />;
}
