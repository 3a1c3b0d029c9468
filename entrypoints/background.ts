import { registerUsageHandlers } from '@/utils/usage/background';
import { registerPackHandlers } from '@/utils/packs/background';

export default defineBackground({
  type: 'module',
  main() {
    // Listeners are registered synchronously at start so a worker woken by a message or an
    // alarm handles it; each module catches its own failures.
    registerUsageHandlers();
    registerPackHandlers();
  },
});
