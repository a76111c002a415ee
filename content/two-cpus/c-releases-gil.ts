// "Serious users ... put the tight loops into C": C code that releases the
// GIL (hashlib on big buffers, zlib, NumPy) runs on both CPUs at once.
// Each thread hashes four blocks; between blocks a little Python runs.
import { defineScenario, py, native, spawn, join } from "gilsim";

function* hashFourBlocks() {
  for (let block = 0; block < 4; block++) {
    yield py(20_000);                          // Python: prepare the buffer
    yield native(3, { releasesGil: true });    // C: hash 3 ms worth, GIL released
  }
}

export default defineScenario({
  title: "Two threads hashing in C",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const a = yield* spawn("hasher-1", hashFourBlocks);
    const b = yield* spawn("hasher-2", hashFourBlocks);
    yield* join(a);
    yield* join(b);
  },
});
