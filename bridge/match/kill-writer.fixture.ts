// Child process for match-store-kill.process.test.ts: writes bursts of changes through a real store until
// it is killed. Each change varies the document's length, so a torn write could not pass as valid.
import { openMatchStore } from './match-store.ts';
import { updateMatchFields } from './match-edits.ts';

const dataDir = process.argv[2]!;
const store = await openMatchStore({ dataDir, log: console });
process.stdout.write('ready\n');
for (let round = 0; ; round++) {
  const burst = Array.from({ length: 20 }, (_, i) => {
    const n = round * 20 + i;
    return store.update((m) =>
      updateMatchFields(m, {
        tournament: `cup ${process.pid}.${n} ${'x'.repeat(n % 100)}`,
        casters: Array.from({ length: n % 9 }, (_, c) => ({
          name: `caster ${c}`,
          handle: `@c${n}`,
        })),
      }),
    );
  });
  await Promise.all(burst);
}
