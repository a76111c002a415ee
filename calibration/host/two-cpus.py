"""How much of two CPUs this host gives two busy processes right now (sources: m-two-cpus).

Times a counting loop alone, then in two forked processes at once, five times each, and
prints one JSON object: the median solo CPU time and its range (the same loop alone
varies too when the host is busy), and each pair's CPU time per process over the median
solo time ("slowdowns"). About 1: two full CPUs. About 2: the pair got one CPU's
worth, although each process had a vCPU of its own and counted its time as running (on a
virtual machine the host may run both vCPUs on one core, or give their time to other
guests). Every case that uses both CPUs at once (two processes, the GIL battle, C code
that releases the GIL) moves with it. Runs on Python 2.7 and 3.x (Linux: os.fork).

    python calibration/host/two-cpus.py [TURNS]
"""
import json
import os
import sys
import time

cpu_clock = time.process_time if hasattr(time, "process_time") else time.clock  # 2.7: the process's CPU time


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def count(turns):
    """CPU time of `turns` turns of a countdown, s."""
    started = cpu_clock()
    n = turns + 1048576  # above the small-int cache, as the exported programs count
    while n > 1048576:
        n -= 1
    return cpu_clock() - started


def pair(turns):
    """Both processes' CPU times when two count at once, s."""
    reads = []
    children = []
    for _ in range(2):
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(read_end)
            os.write(write_end, repr(count(turns)).encode())
            os._exit(0)
        os.close(write_end)
        reads.append(read_end)
        children.append(child)
    times = []
    for read_end, child in zip(reads, children):
        times.append(float(os.read(read_end, 64).decode()))
        os.close(read_end)
        os.waitpid(child, 0)
    return times


def main(turns):
    solos, pairs = [], []
    for _ in range(5):
        solos.append(count(turns))
        pairs.extend(pair(turns))
    solo = median(solos)
    slowdowns = [round(cpu / solo, 2) for cpu in pairs]
    return {"soloMs": round(solo * 1e3, 2), "soloRangeMs": [round(min(solos) * 1e3, 2), round(max(solos) * 1e3, 2)],
            "slowdowns": slowdowns, "medianSlowdown": median(slowdowns)}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000000)))
