import { CacheEngine, CacheEngineVersion } from '../../src';

describe('CacheEngineVersion', () => {
  test.each([
    { v: CacheEngineVersion.REDIS_6_2, family: 'redis6.x', rbac: true, iam: false, required: false },
    { v: CacheEngineVersion.REDIS_7_0, family: 'redis7', rbac: true, iam: true, required: true },
    { v: CacheEngineVersion.REDIS_7_1, family: 'redis7', rbac: true, iam: true, required: true },
    { v: CacheEngineVersion.VALKEY_7_2, family: 'valkey7', rbac: true, iam: true, required: true },
    { v: CacheEngineVersion.VALKEY_8_0, family: 'valkey8', rbac: true, iam: true, required: true },
    { v: CacheEngineVersion.VALKEY_8_1, family: 'valkey8', rbac: true, iam: true, required: true },
  ])('$v derives family $family and its feature gates', ({ v, family, rbac, iam, required }) => {
    expect(v.parameterGroupFamily).toEqual(family);
    expect(v.isEligible).toBe(true);
    expect(v.supportsRbac).toBe(rbac);
    expect(v.supportsIamAuth).toBe(iam);
    expect(v.supportsRequiredTransitMode).toBe(required);
    expect(v.supportsEngineLog).toBe(true);
  });

  test('the default is the newest Valkey', () => {
    expect(CacheEngineVersion.LATEST_VALKEY).toBe(CacheEngineVersion.VALKEY_8_1);
  });

  test.each([
    ['redis', '6.0'], ['redis', '5.0.6'], ['redis', '4.0.10'], ['redis', '3.2.6'], ['valkey', '7.1'],
  ])('%s %s is not eligible', (engine, version) => {
    expect(CacheEngineVersion.of(CacheEngine.of(engine), version).isEligible).toBe(false);
  });

  test('of() accepts a newer line and derives its family', () => {
    const v = CacheEngineVersion.of(CacheEngine.VALKEY, '9.0');
    expect(v.parameterGroupFamily).toEqual('valkey9');
    expect(v.isEligible).toBe(true);
  });

  test.each(['latest', '8', '8.x', '8.1.', 'v8.1', '8.1.0.1', ''])('of() rejects the malformed version %p, naming the form and the control', (version) => {
    expect(() => CacheEngineVersion.of(CacheEngine.VALKEY, version)).toThrow(
      'CacheEngineVersion validation failed:\n' +
        `- \`version\` must be 'major.minor' or 'major.minor.patch' (e.g. '7.1' or '8.0') for HITRUST 0706.10b1, got: '${version}'`,
    );
  });

  test('of() accepts a patch version', () => {
    const v = CacheEngineVersion.of(CacheEngine.REDIS, '7.0.7');
    expect([v.majorVersion, v.minorVersion]).toEqual([7, 0]);
    expect(v.isEligible).toBe(true);
  });

  test('fails for Memcached, naming the controls it cannot meet', () => {
    expect(() => CacheEngine.of('memcached')).toThrow(/Memcached cannot meet HITRUST 0808.10b2 and 1616.09l1/);
  });
});
