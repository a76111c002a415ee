# -*- coding: utf-8 -*-
"""Where the scheduler puts two busy threads of one process (sources: m-vcpu-packing).

Runs, in fresh interpreters, two threads that each count (CPU-bound Python, as the
GIL battle of two-cpus/gil-battle does) and, every 2,000 turns, note the CPU they are
on (sched_getcpu through ctypes). Prints one JSON line per run: the wall time and the
share of samples where both threads were on the same CPU; then the medians of the runs
with the threads mostly together (share >= 0.9) and mostly apart (<= 0.1). On a host
that packs woken threads onto the waker's vCPU the runs split into those two groups.
Runs on Python 2.7 and 3.x (Linux).

    python calibration/host/vcpu-packing.py [RUNS]
"""
import json
import subprocess
import sys

CHILD = r'''
import ctypes, json, threading, time
libc = ctypes.CDLL("libc.so.6")
try:
    range = xrange  # 2.7: no list of 400,000 ints
except NameError:
    pass
TURNS = 400000
cpus = {}
def job(name):
    seen = []
    for i in range(TURNS):
        if i % 2000 == 0:
            seen.append(libc.sched_getcpu())
    cpus[name] = seen
t0 = time.time()
threads = [threading.Thread(target=job, args=(name,)) for name in ("a", "b")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
wall = (time.time() - t0) * 1e3
same = sum(1 for x, y in zip(cpus["a"], cpus["b"]) if x == y) / float(len(cpus["a"]))
print(json.dumps({"wallMs": round(wall, 1), "sameCpuShare": round(same, 2)}))
'''


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else None


def main(runs):
    rows = []
    for _ in range(runs):
        row = json.loads(subprocess.check_output([sys.executable, "-c", CHILD]).decode())
        rows.append(row)
        print(json.dumps(row))
    together = [row["wallMs"] for row in rows if row["sameCpuShare"] >= 0.9]
    apart = [row["wallMs"] for row in rows if row["sameCpuShare"] <= 0.1]
    print(json.dumps({
        "python": sys.version.split()[0],
        "runs": runs,
        "together": {"runs": len(together), "medianWallMs": median(together)},
        "apart": {"runs": len(apart), "medianWallMs": median(apart)},
    }))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
