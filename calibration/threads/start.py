# -*- coding: utf-8 -*-
"""What starting a thread costs here (sources: m-thread-start).

threading.Thread(target=f).start() runs Python in the parent (Thread.__init__, the
start handshake's Event and Condition), creates the OS thread (pthread_create: a stack
mapped, a clone), then waits with the GIL released until the new thread has run its
bootstrap and set its `started` event. This times, in fresh interpreters, the parent's
CPU time for Thread() + start(), start()'s wall time, and when the child's first line
ran, for the program's first thread and for later ones (the first pays one-time
set-up: imports, the first thread state, the first stack). Prints one JSON object,
times in µs, medians over the interpreters (later: medians of 20 starts each).
Runs on Python 2.7 and 3.x (Linux).

    python calibration/threads/start.py [INTERPRETERS]
"""
import json
import subprocess
import sys

CHILD = r'''
import ctypes, json, threading, time
clock = getattr(time, "perf_counter", time.time)
if hasattr(time, "thread_time"):
    cpu = time.thread_time
else:  # 2.7: CLOCK_THREAD_CPUTIME_ID through ctypes
    class _Timespec(ctypes.Structure):
        _fields_ = [("sec", ctypes.c_long), ("nsec", ctypes.c_long)]
    _libc = ctypes.CDLL("libc.so.6", use_errno=True)
    def cpu():
        ts = _Timespec()
        _libc.clock_gettime(3, ctypes.byref(ts))
        return ts.sec + ts.nsec * 1e-9
ran = []
def child():
    ran.append(clock())
def one():
    c0, t0 = cpu(), clock()
    thread = threading.Thread(target=child)
    thread.start()
    t1, c1 = clock(), cpu()
    thread.join()
    return {"parentCpuUs": (c1 - c0) * 1e6, "startUs": (t1 - t0) * 1e6, "childRanUs": (ran[-1] - t0) * 1e6}
first = one()
later = [one() for _ in range(20)]
print(json.dumps({"first": first, "later": later}))
'''


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main(interpreters):
    firsts, laters = [], []
    for _ in range(interpreters):
        out = json.loads(subprocess.check_output([sys.executable, "-c", CHILD]).decode())
        firsts.append(out["first"])
        laters.append({key: median([row[key] for row in out["later"]]) for key in out["first"]})
    keys = ["parentCpuUs", "startUs", "childRanUs"]
    print(json.dumps({
        "python": sys.version.split()[0],
        "interpreters": interpreters,
        "first": dict((key, round(median([row[key] for row in firsts]), 1)) for key in keys),
        "later": dict((key, round(median([row[key] for row in laters]), 1)) for key in keys),
    }))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
