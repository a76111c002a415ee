"""How long a wake-up takes on this machine right now (sources: m-idle-wake).

Two processes (no threads, no GIL) take turns through two pipes: each blocks in read()
until the other writes. A round trip is two wake-ups plus four small system calls.
Prints one JSON object: the median round trip and the median cost of the write that wakes
the sleeping reader, in microseconds. Runs on Python 2.7 and 3.x (Linux: os.fork).

    python calibration/wake/pipe-pingpong.py [ROUND_TRIPS]
"""
import json
import os
import sys
import time

clock = getattr(time, "perf_counter", time.time)


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main(round_trips):
    to_child_r, to_child_w = os.pipe()
    to_parent_r, to_parent_w = os.pipe()
    child = os.fork()
    if child == 0:
        for _ in range(round_trips + 1):
            os.read(to_child_r, 1)
            os.write(to_parent_w, b"x")
        os._exit(0)
    trips, writes = [], []
    os.write(to_child_w, b"x")  # a first turn, not timed
    os.read(to_parent_r, 1)
    for _ in range(round_trips):
        spin_until = clock() + 50e-6  # let the child get back to sleep in read()
        while clock() < spin_until:
            pass
        started = clock()
        os.write(to_child_w, b"x")
        written = clock()
        os.read(to_parent_r, 1)
        trips.append(clock() - started)
        writes.append(written - started)
    os.waitpid(child, 0)
    return {"roundTripUs": round(median(trips) * 1e6, 2), "wakingWriteUs": round(median(writes) * 1e6, 2), "roundTrips": round_trips}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)))
