# -*- coding: utf-8 -*-
"""How this machine's scheduler (Linux EEVDF) shares one CPU (sources: m-eevdf).

1. The kernel's settings: CONFIG_HZ (the tick) from /proc/config.gz, and the base slice
   from /sys/kernel/debug/sched/debug when debugfs is readable (as root).
2. GIL slices pinned to one CPU: two counting threads under `taskset -c 0`; the length of
   each stretch one thread runs before the other does (medians over the runs).
3. Waking beside a busy process on one CPU: a process sleeps 2 ms, 200 times, while another
   counts on the same CPU; how late each sleep ends (the woken process waits until the
   running one's slice is used up, noticed at a tick).
Prints one JSON object. Runs on Python 2.7 and 3.x (Linux, with taskset).

    python calibration/host/scheduler.py [RUNS]
"""
import gzip
import json
import re
import subprocess
import sys

SLICES = r'''
import threading, time
try:
    range = xrange
except NameError:
    pass
marks = {}
def count(name):
    mine = []
    for i in range(3000000):
        if i % 2000 == 0:
            mine.append(time.time())
    marks[name] = mine
threads = [threading.Thread(target=count, args=(k,)) for k in ("a", "b")]
for t in threads: t.start()
for t in threads: t.join()
events = sorted([(x, k) for k in marks for x in marks[k]])
slices, current, start, last = [], None, None, None
for x, k in events:
    if k != current:
        if current is not None:
            slices.append((last - start) * 1e3)
        current, start = k, x
    last = x
print(sorted(slices)[len(slices) // 2])
'''

SLEEPER = r'''
import time
late = []
for _ in range(200):
    t0 = time.time()
    time.sleep(0.002)
    late.append((time.time() - t0 - 0.002) * 1e3)
late.sort()
print("%f %f %f" % (late[len(late) // 2], late[9 * len(late) // 10], late[-1]))
'''

BUSY = "while True: pass"


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def kernel_settings():
    settings = {}
    try:
        config = gzip.open("/proc/config.gz").read().decode()
        settings["hz"] = int(re.search(r"^CONFIG_HZ=(\d+)", config, re.M).group(1))
    except (IOError, OSError, AttributeError):
        pass
    try:
        debug = open("/sys/kernel/debug/sched/debug").read()
        settings["baseSliceMs"] = float(re.search(r"sysctl_sched_base_slice\s*:\s*([\d.]+)", debug).group(1))
    except (IOError, OSError, AttributeError):
        pass
    return settings


def pinned(code):
    return subprocess.check_output(["taskset", "-c", "0", sys.executable, "-c", code]).decode().split()


def main(runs):
    slices = [float(pinned(SLICES)[0]) for _ in range(runs)]
    busy = subprocess.Popen(["taskset", "-c", "0", sys.executable, "-c", BUSY])
    try:
        lateness = [[float(x) for x in pinned(SLEEPER)] for _ in range(runs)]
    finally:
        busy.kill()
    print(json.dumps({
        "python": sys.version.split()[0],
        "kernel": kernel_settings(),
        "gilSliceMedianMs": [round(x, 2) for x in slices],
        "sleepLateMs": {
            "median": round(median([row[0] for row in lateness]), 2),
            "p90": round(median([row[1] for row in lateness]), 2),
            "max": round(max(row[2] for row in lateness), 2),
        },
    }))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
