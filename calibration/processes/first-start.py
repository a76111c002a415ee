"""The first multiprocessing start in a program against the later ones [M sources:m-first-process-start].

Each run is a fresh interpreter that has imported multiprocessing already (as a program
does at its top), then times start+join of a trivial process three times in a row with
one start method. The process sends its result back through a Pipe, as the exported
programs do (and multiprocessing's Queue and Pool, which are built on the same
connections): the first Pipe imports multiprocessing.connection and what it needs. Prints one JSON line per method: the medians of the first start and of
the third, in ms. Run: python first-start.py [runs]  (2.7: fork only).
"""
import json
import os
import subprocess
import sys
import tempfile

CHILD = r'''
import multiprocessing, sys, time
def send_result(connection):
    connection.send(None)
    connection.close()
if __name__ == "__main__":
    method = sys.argv[1]
    context = multiprocessing.get_context(method) if hasattr(multiprocessing, "get_context") else multiprocessing
    times = []
    for _ in range(3):
        started = time.time()
        receiving, sending = context.Pipe()
        process = context.Process(target=send_result, args=(sending,))
        process.start()
        sending.close()
        receiving.recv()
        process.join()
        times.append((time.time() - started) * 1e3)
    print(" ".join("%.3f" % value for value in times))
'''


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    methods = ["fork"] if sys.version_info[0] == 2 else ["fork", "forkserver", "spawn"]
    # A file, not -c: spawn and forkserver children import the main module to find send_result.
    handle, child = tempfile.mkstemp(suffix=".py")
    with os.fdopen(handle, "w") as out:
        out.write(CHILD)
    for method in methods:
        firsts, thirds = [], []
        for _ in range(runs):
            out = subprocess.check_output([sys.executable, child, method]).decode()
            first, _second, third = [float(value) for value in out.split()]
            firsts.append(first)
            thirds.append(third)
        print(json.dumps({"python": sys.version.split()[0], "method": method, "runs": runs,
                          "firstMs": round(median(firsts), 2), "laterMs": round(median(thirds), 2)}))
    os.remove(child)


if __name__ == "__main__":
    main()
