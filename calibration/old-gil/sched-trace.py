"""How the old GIL's threads really take turns on this machine, from the kernel's own record
(source: m-old-gil-sched). Needs Linux `perf` and root (or perf_event_paranoid <= -1).

For 2 and 4 threads counting down the same total work on two CPUs, `perf sched record`
logs every context switch and wake-up of the run. Per run it prints one JSON line:

  - wallMs: the threads' span in the trace (perf slows the run by ~10-25%);
  - stints: times a thread got a CPU; longStints: those over 30 us, about the times a
    thread held the GIL (a waiter's stint is a failed try of a few us, then it sleeps);
  - preempted / slept: stints ended by the scheduler (R) or by the thread sleeping (S);
  - wakeToRunUs: median, 10th and 90th percentile from a wake-up to running;
  - migrations: a thread moved to the other CPU;
  - onCpuMs: CPU time of the threads summed.

Pinned to one CPU (taskset -c 0) it counts the futex calls of the 2-thread run instead
(`perf stat`; tracing each syscall would slow it too much): with the holder paying
sem_post's futex_wake at every check while a waiter is inside sem_wait it would be one per
check (tens of thousands); the waiter is instead switched in by wake-up preemption and takes
the GIL at once, so there are a few per hand-off.

    sudo python3 calibration/old-gil/sched-trace.py [PYTHON] [RUNS]
"""
import json
import os
import re
import subprocess
import sys
import tempfile

PYTHON = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.pyenv/versions/2.7.18/bin/python")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
TURNS = 4000000
LONG_US = 30

PROGRAM = """
import sys, threading
def count(turns):
    n = turns + 1048576  # above the small-int cache, as the exported programs count
    while n > 1048576:
        n -= 1
workers = [threading.Thread(target=count, args=(%d // int(sys.argv[1]),)) for _ in range(int(sys.argv[1]))]
for w in workers: w.start()
for w in workers: w.join()
""" % TURNS

SWITCH = re.compile(r"\s*\S+\s+\d+\s+\[(\d+)\]\s+([\d.]+):\s+sched:sched_switch: prev_comm=.*? prev_pid=(\d+) "
                    r"prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*?) next_pid=(\d+)")
WAKING = re.compile(r"\s*\S+\s+\d+\s+\[\d+\]\s+([\d.]+):\s+sched:sched_waking: comm=.*? pid=(\d+) ")
MIGRATE = re.compile(r"sched:sched_migrate_task: comm=.*? pid=(\d+) ")


def percentile(values, share):
    return values[min(len(values) - 1, int(len(values) * share))] if values else None


def analyse(lines, threads):
    # The workers: the python threads switched in most often (the main thread only waits in join).
    counts = {}
    for line in lines:
        match = SWITCH.match(line)
        if match and match.group(5).startswith("python"):
            counts[int(match.group(6))] = counts.get(int(match.group(6)), 0) + 1
    workers = set(sorted(counts, key=counts.get, reverse=True)[:threads])
    on_cpu, woken, stints, waits = {}, {}, [], []
    preempted = slept = migrations = 0
    first = last = None
    for line in lines:
        match = SWITCH.match(line)
        if match:
            at, prev, state, nxt = float(match.group(2)), int(match.group(3)), match.group(4), int(match.group(6))
            if prev in on_cpu:
                stints.append((at - on_cpu.pop(prev)) * 1e6)
                last = at
                if state.startswith("R"):
                    preempted += 1
                else:
                    slept += 1
            if nxt in workers:
                first = at if first is None else first
                on_cpu[nxt] = at
                if nxt in woken:
                    waits.append((at - woken.pop(nxt)) * 1e6)
            continue
        match = WAKING.match(line)
        if match and int(match.group(2)) in workers:
            woken[int(match.group(2))] = float(match.group(1))
            continue
        match = MIGRATE.search(line)
        if match and int(match.group(1)) in workers:
            migrations += 1
    waits.sort()
    return {
        "threads": threads, "wallMs": round((last - first) * 1e3, 1), "onCpuMs": round(sum(stints) / 1e3, 1),
        "stints": len(stints), "longStints": sum(1 for stint in stints if stint > LONG_US),
        "preempted": preempted, "slept": slept, "migrations": migrations,
        "wakeToRunUs": [round(percentile(waits, share), 1) for share in (0.5, 0.1, 0.9)],
    }


def traced_run(program, threads):
    with tempfile.TemporaryDirectory() as directory:
        data = os.path.join(directory, "perf.data")
        subprocess.run(["perf", "sched", "record", "-o", data, "--", PYTHON, program, str(threads)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        script = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,cpu,time,event,trace"],
                                check=True, capture_output=True, text=True).stdout
    return analyse(script.splitlines(), threads)


def pinned_futex_calls(program):
    out = subprocess.run(["taskset", "-c", "0", "perf", "stat", "-x,", "-e", "syscalls:sys_enter_futex,context-switches",
                          "--", PYTHON, program, "2"], check=True, capture_output=True, text=True).stderr
    values = [int(line.split(",")[0]) for line in out.splitlines() if line and line[0].isdigit()]
    return {"threads": 2, "pinned": True, "futexCalls": values[0], "contextSwitches": values[1]}


if __name__ == "__main__":
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as source:
        source.write(PROGRAM)
    try:
        for _ in range(RUNS):
            for threads in (2, 4):
                print(json.dumps(traced_run(source.name, threads)))
            print(json.dumps(pinned_futex_calls(source.name)))
    finally:
        os.unlink(source.name)
