// Sign-in and sign-up limits, each a named environment setting with a default, checked once at start-up
// (loadConfig calls loadAuthSettings) so a typo stops the server instead of silently weakening a limit.

export interface AuthSettings {
  /** AUTH_IP_FAILURE_LIMIT: failed sign-ins one address may make (any accounts) in the IP window. */
  ipFailureLimit: number;
  /** AUTH_IP_FAILURE_WINDOW_MINUTES: the sliding window for the per-address failure count. */
  ipFailureWindowMs: number;
  /** AUTH_ACCOUNT_FREE_FAILURES: failures on one account (from anywhere) before attempts on it are spaced. */
  accountFreeFailures: number;
  /** AUTH_ACCOUNT_FAILURE_WINDOW_MINUTES: the sliding window for per-account and per-device failure counts. */
  accountFailureWindowMs: number;
  /** AUTH_ACCOUNT_BACKOFF_BASE_SECONDS: the spacing after the first failure past the free ones; it doubles with each further failure. */
  accountBackoffBaseMs: number;
  /** AUTH_ACCOUNT_BACKOFF_MAX_SECONDS: the longest spacing an account's attempts can be held to. */
  accountBackoffMaxMs: number;
  /** AUTH_DEVICE_FAILURE_LIMIT: failures a known browser may make on its account (account window) before it loses its exemption. */
  deviceFailureLimit: number;
  /** AUTH_DEVICE_TRUST_DAYS: how long a browser stays known after its last successful sign-in. */
  deviceTrustMs: number;
  /** AUTH_SIGNUP_LIMIT: sign-ups one address may make per signup window without a cohort join code. */
  signupLimit: number;
  /** AUTH_COHORT_SIGNUP_LIMIT: sign-ups one address may make per signup window into one cohort with its valid join code. */
  cohortSignupLimit: number;
  /** AUTH_SIGNUP_WINDOW_MINUTES: the window for both sign-up limits. */
  signupWindowMs: number;
}

interface SettingSpec {
  env: string;
  key: keyof AuthSettings;
  fallback: number;
  min: number;
  /** Multiplier from the unit the variable is written in to milliseconds (1 for counts). */
  unitMs: number;
  meaning: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** Every setting in one table: name, default, unit and meaning (the README's Security section lists the same). */
export const AUTH_SETTING_SPECS: readonly SettingSpec[] = [
  { env: 'AUTH_IP_FAILURE_LIMIT', key: 'ipFailureLimit', fallback: 30, min: 1, unitMs: 1, meaning: 'failed sign-ins one address may make, across all accounts, per IP window; then that address gets 429 (browsers known to the account they sign in to are exempt)' },
  { env: 'AUTH_IP_FAILURE_WINDOW_MINUTES', key: 'ipFailureWindowMs', fallback: 15, min: 1, unitMs: MINUTE, meaning: 'sliding window of the per-address failure count' },
  { env: 'AUTH_ACCOUNT_FREE_FAILURES', key: 'accountFreeFailures', fallback: 5, min: 1, unitMs: 1, meaning: 'failures on one account, from anywhere, before further attempts on it from unknown browsers are spaced out' },
  { env: 'AUTH_ACCOUNT_FAILURE_WINDOW_MINUTES', key: 'accountFailureWindowMs', fallback: 60, min: 1, unitMs: MINUTE, meaning: 'sliding window of the per-account and per-browser failure counts' },
  { env: 'AUTH_ACCOUNT_BACKOFF_BASE_SECONDS', key: 'accountBackoffBaseMs', fallback: 2, min: 1, unitMs: SECOND, meaning: 'spacing required after the first failure past the free ones; doubles with each further failure' },
  { env: 'AUTH_ACCOUNT_BACKOFF_MAX_SECONDS', key: 'accountBackoffMaxMs', fallback: 300, min: 1, unitMs: SECOND, meaning: 'the longest spacing; an owner on an unknown browser never waits longer than this after the last failure' },
  { env: 'AUTH_DEVICE_FAILURE_LIMIT', key: 'deviceFailureLimit', fallback: 10, min: 1, unitMs: 1, meaning: 'failures a known browser may make on its own account per account window before it is treated like an unknown one' },
  { env: 'AUTH_DEVICE_TRUST_DAYS', key: 'deviceTrustMs', fallback: 90, min: 1, unitMs: DAY, meaning: 'how long a browser stays known to an account after its last successful sign-in there' },
  { env: 'AUTH_SIGNUP_LIMIT', key: 'signupLimit', fallback: 5, min: 1, unitMs: 1, meaning: 'sign-ups per address per signup window without a valid cohort join code (an unknown code counts here)' },
  { env: 'AUTH_COHORT_SIGNUP_LIMIT', key: 'cohortSignupLimit', fallback: 100, min: 1, unitMs: 1, meaning: 'sign-ups per address per signup window into one cohort, with its valid join code (a classroom behind one NAT)' },
  { env: 'AUTH_SIGNUP_WINDOW_MINUTES', key: 'signupWindowMs', fallback: 60, min: 1, unitMs: MINUTE, meaning: 'window of both sign-up limits' },
];

export function loadAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const settings = {} as AuthSettings;
  for (const spec of AUTH_SETTING_SPECS) {
    const raw = env[spec.env];
    let value = spec.fallback;
    if (raw !== undefined && raw.trim() !== '') {
      value = Number(raw);
      if (!Number.isInteger(value) || value < spec.min) {
        throw new Error(`${spec.env} must be a whole number ≥ ${spec.min} (${spec.meaning}), got "${raw}"`);
      }
    }
    settings[spec.key] = value * spec.unitMs;
  }
  if (settings.accountBackoffMaxMs < settings.accountBackoffBaseMs) {
    throw new Error('AUTH_ACCOUNT_BACKOFF_MAX_SECONDS must be at least AUTH_ACCOUNT_BACKOFF_BASE_SECONDS');
  }
  return settings;
}
