# Measures lost updates of an unsynchronised counter on real CPython.
# Two threads each run `for _ in range(N): counter += 1` on a global ("inline"), or
# `counter = bump(counter)` ("call": a Python function call between the read and the
# write). Prints one JSON line per run: {"python", "via", "n", "value", "expected", "lost"}.
# Repeat with:  for v in 2.7.18 3.6.15 3.9.18 3.10.13 3.12.1 3.13.0; do
#   ~/.pyenv/versions/$v/bin/python calibration/races/measure.py --runs 3; done
# Options: --runs R (runs of each loop), --inline N and --call N (turns per thread;
# defaults 1000000 and 200000). Runs on Python 2.7 and 3.x.
import json
import sys
import threading

counter = 0


def bump(value):
    return value + 1


def inline(n):
    global counter
    for _ in range(n):
        counter += 1


def call(n):
    global counter
    for _ in range(n):
        counter = bump(counter)


def run(body, n):
    global counter
    counter = 0
    threads = [threading.Thread(target=body, args=(n,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter


def main(argv):
    def option(name, default):
        return int(argv[argv.index(name) + 1]) if name in argv else default
    runs = option("--runs", 2)
    sizes = {"inline": option("--inline", 1000000), "call": option("--call", 200000)}
    python = "%d.%d.%d" % sys.version_info[:3]
    for via, body in (("inline", inline), ("call", call)):
        n = sizes[via]
        for _ in range(runs):
            value = run(body, n)
            expected = 2 * n
            print(json.dumps({"python": python, "via": via, "n": n, "value": value,
                              "expected": expected, "lost": expected - value}))
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
