// Auth limits from the environment: defaults, overrides in their units, and clear refusals at start-up.
import { describe, expect, it } from 'vitest';
import { AUTH_SETTING_SPECS, loadAuthSettings } from '../../../src/server/auth/settings.ts';
import { loadConfig } from '../../../src/server/config.ts';

describe('auth settings', () => {
  it('default to the documented values', () => {
    expect(loadAuthSettings({})).toEqual({
      ipFailureLimit: 30,
      ipFailureWindowMs: 15 * 60_000,
      accountFreeFailures: 5,
      accountFailureWindowMs: 60 * 60_000,
      accountBackoffBaseMs: 2_000,
      accountBackoffMaxMs: 300_000,
      deviceFailureLimit: 10,
      deviceTrustMs: 90 * 24 * 3600_000,
      signupLimit: 5,
      cohortSignupLimit: 100,
      signupWindowMs: 60 * 60_000,
    });
  });

  it('read each variable in its unit', () => {
    const s = loadAuthSettings({ AUTH_IP_FAILURE_LIMIT: '100', AUTH_IP_FAILURE_WINDOW_MINUTES: '5', AUTH_ACCOUNT_BACKOFF_MAX_SECONDS: '60', AUTH_DEVICE_TRUST_DAYS: '1' });
    expect(s).toMatchObject({ ipFailureLimit: 100, ipFailureWindowMs: 300_000, accountBackoffMaxMs: 60_000, deviceTrustMs: 86_400_000 });
  });

  it.each(['0', '-1', '2.5', 'ten', '1e400'])('refuse %s naming the variable', (raw) => {
    expect(() => loadAuthSettings({ AUTH_SIGNUP_LIMIT: raw })).toThrow(/^AUTH_SIGNUP_LIMIT must be a whole number ≥ 1/);
  });

  it('refuse a cap below the base delay', () => {
    expect(() => loadAuthSettings({ AUTH_ACCOUNT_BACKOFF_BASE_SECONDS: '10', AUTH_ACCOUNT_BACKOFF_MAX_SECONDS: '5' })).toThrow(/MAX_SECONDS/);
  });

  it('are part of the configuration, so a bad value stops start-up', () => {
    expect(loadConfig({ PRACTICUM_ROOT: '/tmp' }).auth.signupLimit).toBe(5);
    expect(() => loadConfig({ PRACTICUM_ROOT: '/tmp', AUTH_COHORT_SIGNUP_LIMIT: 'lots' })).toThrow(/AUTH_COHORT_SIGNUP_LIMIT/);
  });

  it('have unique names, all AUTH_*', () => {
    const names = AUTH_SETTING_SPECS.map((s) => s.env);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^AUTH_[A-Z_]+$/);
  });
});
