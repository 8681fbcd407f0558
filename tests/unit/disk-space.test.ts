// The disk reserve on its own: content is refused below the reserve, and the reserve file is made
// when there is room and released when the disk is nearly full (free space measured by a stand-in).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { balanceReserveFile, requireRoomFor, RESERVE_FILE } from '../../src/server/disk-space.ts';

const MB = 1024 * 1024;
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('disk reserve', () => {
  it('refuses a write that would eat into the reserve with a 507 that says what to do', () => {
    dir = mkdtempSync(join(tmpdir(), 'disk-space-'));
    const settings = { reserveBytes: 100 * MB, reserveFileBytes: 0 };
    expect(() => requireRoomFor(dir, 1 * MB, settings, () => 200 * MB, 0)).not.toThrow();
    expect(() => requireRoomFor(`${dir}/other`, 1 * MB, settings, () => 100.5 * MB, 0)).toThrow(expect.objectContaining({ status: 507, code: 'storage_low' }));
  });

  it('creates the reserve file when there is room and releases it when the disk is nearly full', () => {
    dir = mkdtempSync(join(tmpdir(), 'disk-space-'));
    const settings = { reserveBytes: 0, reserveFileBytes: 2 * MB };
    const file = join(dir, RESERVE_FILE);
    expect(balanceReserveFile(dir, settings, () => 5 * MB)).toBe('none'); // not enough room to make it
    expect(existsSync(file)).toBe(false);
    expect(balanceReserveFile(dir, settings, () => 100 * MB)).toBe('created');
    expect(statSync(file).size).toBe(2 * MB);
    expect(balanceReserveFile(dir, settings, () => 10 * MB)).toBe('kept');
    expect(balanceReserveFile(dir, settings, () => 1 * MB)).toBe('released');
    expect(existsSync(file)).toBe(false);
    expect(balanceReserveFile(dir, { ...settings, reserveFileBytes: 0 }, () => 100 * MB)).toBe('none');
  });
});
