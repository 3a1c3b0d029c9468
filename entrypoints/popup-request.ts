/**
 * Loaded by popup.html as a classic script in <head>, so it runs while the page is still parsed:
 * it asks for the popup's data and the active tab before React and the views are fetched and
 * evaluated (the popup's first screen has a 150 ms budget, docs/architecture.md). See utils/popup-request.ts.
 */
import { leaveFirstPopupRequests, startPopupRequests } from '@/utils/popup-request';

export default defineUnlistedScript(() => {
  leaveFirstPopupRequests(startPopupRequests());
});
