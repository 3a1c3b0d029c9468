/**
 * Asks the browser to keep this extension's storage under pressure. StorageManager.persist()
 * exists in pages (popup, options), not in service workers; safe to call anywhere.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    if (typeof storage?.persist !== 'function') return false;
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
