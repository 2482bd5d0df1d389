import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVersions, findCritical, isAffected, lockedPackages } from './audit.mjs';

const advisories = JSON.parse(
  readFileSync(new URL('./critical-advisories.json', import.meta.url), 'utf8'),
).advisories;

const lockfile = `lockfileVersion: '9.0'

importers:
  .:
    devDependencies:
      form-data:
        specifier: 4.0.3

packages:

  '@xmldom/xmldom@0.8.3':
    resolution: {integrity: sha512-x}

  form-data@4.0.3:
    resolution: {integrity: sha512-y}

  debug@4.4.3:
    resolution: {integrity: sha512-z}

  chalk@5.6.1:
    resolution: {integrity: sha512-w}

snapshots:

  form-data@2.5.0: {}
`;

describe('the offline lockfile audit', () => {
  it('reads the package versions of the packages section only', () => {
    expect(lockedPackages(lockfile)).toEqual([
      { name: '@xmldom/xmldom', version: '0.8.3' },
      { name: 'form-data', version: '4.0.3' },
      { name: 'debug', version: '4.4.3' },
      { name: 'chalk', version: '5.6.1' },
    ]);
  });

  it('flags a version inside a vulnerable range and a known malicious release, and nothing else', () => {
    const hits = findCritical(lockedPackages(lockfile), advisories).map(
      (hit) => `${hit.name}@${hit.version} ${hit.id}`,
    );
    expect(hits).toEqual([
      '@xmldom/xmldom@0.8.3 CVE-2022-39353',
      'form-data@4.0.3 CVE-2025-7783',
      'chalk@5.6.1 npm-malware-2025-09-08',
    ]);
  });

  it('treats the fixed release as safe and a pre-release of it as affected', () => {
    const formData = advisories.find((advisory) => advisory.package === 'form-data');
    expect(isAffected('4.0.4', formData)).toBe(false);
    expect(isAffected('4.0.4-rc.1', formData)).toBe(true);
    expect(compareVersions('10.0.0', '9.9.9')).toBe(1);
  });

  it('finds no critical advisory in the committed lockfile', () => {
    const text = readFileSync(new URL('../pnpm-lock.yaml', import.meta.url), 'utf8');
    const packages = lockedPackages(text);
    expect(packages.length).toBeGreaterThan(100);
    expect(findCritical(packages, advisories)).toEqual([]);
  });
});
