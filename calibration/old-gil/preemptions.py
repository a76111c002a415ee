"""Four CPU-bound threads against two on this machine's two CPUs: how often the OS preempts them
(sources: m-old-gil-preemptions).

Each thread counts down TURNS / N (the same total work for any N) and reads its own
voluntary and involuntary context switches from /proc (Linux). An involuntary switch is a
preemption: the thread was runnable and the scheduler gave its CPU to another. Prints one
JSON line per run: N, the wall time and the switches summed over the threads. Run on 2.7
(the old GIL: a waiter wakes at every check of the holder and retries) or 3.x.

    python calibration/old-gil/preemptions.py [RUNS] [TURNS]
"""
import ctypes
import json
import sys
import threading
import time

clock = getattr(time, "perf_counter", time.time)
_libc = ctypes.CDLL(None)
_SYS_GETTID = 186  # x86-64


def switches(thread_id):
    counts = {}
    with open("/proc/self/task/%d/status" % thread_id) as status:
        for line in status:
            if "ctxt_switches" in line:
                key, value = line.split(":")
                counts[key.strip()] = int(value)
    return counts["voluntary_ctxt_switches"], counts["nonvoluntary_ctxt_switches"]


def count(turns, out, index):
    thread_id = _libc.syscall(_SYS_GETTID)
    voluntary, involuntary = switches(thread_id)
    n = turns + 1048576  # above the small-int cache, as the exported programs count
    while n > 1048576:
        n -= 1
    after = switches(thread_id)
    out[index] = (after[0] - voluntary, after[1] - involuntary)


def run(threads, turns):
    out = [None] * threads
    started = clock()
    workers = [threading.Thread(target=count, args=(turns // threads, out, index)) for index in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall = clock() - started
    return {"threads": threads, "wallMs": round(wall * 1e3, 1),
            "voluntary": sum(pair[0] for pair in out), "involuntary": sum(pair[1] for pair in out)}


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    turns = int(sys.argv[2]) if len(sys.argv) > 2 else 4000000
    for _ in range(runs):
        for threads in (4, 2):
            print(json.dumps(run(threads, turns)))
