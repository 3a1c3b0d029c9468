/** User settings kept in storage.local; policy values (storage.managed) win over them. */
export interface Settings {
  role: string | null;
  /** YYYY-MM-DD, day 0 of the journey. */
  startDate: string | null;
  /** 'auto' follows the browser UI language. */
  language: 'auto' | 'en' | 'zh-CN';
  /** Hostnames where coaching is paused. */
  pausedSites: string[];
  /** Launcher position per CRM id, as distance from the bottom-right corner in px. */
  launcher: Record<string, { right: number; bottom: number }>;
}

export const DEFAULT_SETTINGS: Settings = {
  role: null,
  startDate: null,
  language: 'auto',
  pausedSites: [],
  launcher: {},
};

/** Values an administrator set through chrome.storage.managed. */
export interface Policy {
  packUrls?: string[];
  role?: string;
  startDate?: string;
  refreshMinutes?: number;
  allowUserPacks?: boolean;
}

/** Settings with policy applied, plus which keys the policy locks. */
export interface EffectiveSettings extends Settings {
  locked: { role: boolean; startDate: boolean };
  allowUserPacks: boolean;
}

export function applyPolicy(settings: Settings, policy: Policy): EffectiveSettings {
  return {
    ...settings,
    role: policy.role ?? settings.role,
    startDate: policy.startDate ?? settings.startDate,
    locked: { role: policy.role !== undefined, startDate: policy.startDate !== undefined },
    allowUserPacks: policy.allowUserPacks ?? true,
  };
}
