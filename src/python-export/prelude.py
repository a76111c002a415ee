# The helpers every program exported from GIL Lab starts with: start-up measurements,
# the operations (run_py, do_io, run_c_releasing_gil...), task start/join for threads,
# processes and subinterpreters, and the JSON report. Python 2.7 and 3.x compatible.
# The scenario's part of the program, after these helpers, sets SETTINGS and fills in TASKS.
from __future__ import division, print_function, unicode_literals

import hashlib
import json
import os
import sys
import threading
import time
import traceback
import zlib

try:
    import queue
except ImportError:  # Python 2
    import Queue as queue

PY2 = sys.version_info[0] == 2
_range = xrange if PY2 else range  # noqa: F821 (xrange is Python 2's lazy range)
clock = getattr(time, "perf_counter", time.time)

# ---------------------------------------------------------------------------
# Clocks and start-up measurements
# ---------------------------------------------------------------------------


def _make_thread_cpu_clock():
    """CPU time of the calling thread in seconds, or None where it cannot be read."""
    if hasattr(time, "thread_time"):  # Python 3.7+
        return time.thread_time
    try:
        import ctypes

        class Timespec(ctypes.Structure):
            _fields_ = [(str("tv_sec"), ctypes.c_long), (str("tv_nsec"), ctypes.c_long)]

        # PyDLL keeps the GIL during the call: releasing it would itself cause switches.
        clock_gettime = ctypes.PyDLL(None).clock_gettime
        clock_gettime.argtypes = [ctypes.c_int, ctypes.POINTER(Timespec)]

        def thread_time():
            now = Timespec()
            clock_gettime(3, ctypes.byref(now))  # CLOCK_THREAD_CPUTIME_ID on Linux
            return now.tv_sec + now.tv_nsec * 1e-9

        thread_time()
        return thread_time
    except Exception:
        return None


thread_cpu = _make_thread_cpu_clock()


def _countdown(n):
    while n > 0:
        n -= 1


def _countdown_to(n, floor):
    """_countdown stopping at floor: the same bytecodes, and with floor above 256 no turn uses
    CPython's cached small ints, which make a short countdown to 0 cheaper per turn than a long
    one (py(2000) ran 40% faster per bytecode than the probe's countdown on 3.12)."""
    while n > floor:
        n -= 1


_COUNT_FLOOR = 1 << 20


def _bytecodes_per_iteration():
    """Instructions in one turn of _countdown's loop, counted with dis (9 on 2.7, 3.12, 3.13; 8 on 3.11)."""
    try:
        import dis
        instructions = list(dis.get_instructions(_countdown))
    except (ImportError, AttributeError):
        return 9  # Python 2.7: LOAD_FAST LOAD_CONST COMPARE_OP POP_JUMP_IF_FALSE LOAD_FAST LOAD_CONST INPLACE_SUBTRACT STORE_FAST JUMP_ABSOLUTE
    for instruction in instructions:
        target = instruction.argval
        if "JUMP" in instruction.opname and isinstance(target, int) and target <= instruction.offset:
            return sum(1 for other in instructions if target <= other.offset <= instruction.offset)
    return 9


def _best_seconds(work, repeats=5):
    best = None
    for _ in range(repeats):
        started = clock()
        work()
        elapsed = clock() - started
        best = elapsed if best is None else min(best, elapsed)
    return max(best, 1e-9)


def _releasing_call():
    """C code that releases the GIL: OpenSSL's SHA-256 (hashlib drops the GIL for data of 2048 bytes
    or more), or zlib.compress where hashlib is Python's own (a 2.7 built without OpenSSL keeps the GIL)."""
    try:
        import _hashlib  # noqa: F401 (OpenSSL-backed hashlib)
        return "sha256"
    except ImportError:
        return "zlib.compress"


def _release_gil_over(data, call):
    if call == "sha256":
        hashlib.sha256(data).digest()
    else:
        zlib.compress(data, 1)


def calibrate():
    """Measure this machine so each operation lasts about what the scenario says."""
    per_iteration = _bytecodes_per_iteration()
    loops = 300000
    call = _releasing_call()
    block = b"\0" * (1 << 20)
    items = 300000
    return {
        "bytecodesPerIteration": per_iteration,
        "bytecodeNs": _best_seconds(lambda: _countdown(loops)) * 1e9 / (loops * per_iteration),
        "releasingCall": call,
        "releasingBytesPerMs": len(block) / (_best_seconds(lambda: _release_gil_over(block, call)) * 1e3),
        "sumNsPerItem": _best_seconds(lambda: sum(_range(items))) * 1e9 / items,
    }


# ---------------------------------------------------------------------------
# Per-thread bookkeeping
# ---------------------------------------------------------------------------

CAL = {}          # start-up measurements (passed on to child processes)
TASKS = {}        # task id -> Task, filled in by the scenario below
HANDLES = {}      # task id -> started thread / process / subinterpreter
RECORDS = []      # one metrics dict per finished task
SHARED = []       # (name, value getter, expected value) per Shared variable, filled in below
LATENCIES = []    # ms from an I/O or sleep ending to the thread running again
_state = {"t0": None}
_local = threading.local()


class Task(object):
    """A thread, process or subinterpreter of the scenario and the function it runs."""

    def __init__(self, id, name, kind, body, start_method=None, arg_bytes=0, result_bytes=0):
        self.id, self.name, self.kind, self.body = id, name, kind, body
        self.start_method, self.arg_bytes, self.result_bytes = start_method, arg_bytes, result_bytes


def _os_name(name):
    """The task's name for threading and multiprocessing, as ASCII with escapes: Python 2's
    threading calls str() on it (non-ASCII fails) and 3.14 hands it to the OS (no NUL there).
    The report and log() use the exact name."""
    ascii_name = name.replace("\0", "\\x00").encode("ascii", "backslashreplace")
    return ascii_name if PY2 else ascii_name.decode("ascii")


def _ms_since_start():
    return (clock() - _state["t0"]) * 1e3


def _cpu_now():
    return thread_cpu() if thread_cpu else 0.0


def _charge_cpu(field, cpu_before):
    record = _local.record
    if thread_cpu and record[field] is not None:
        record[field] += (thread_cpu() - cpu_before) * 1e3


def _run_task(task_id):
    """Run one task's body in the calling thread and record its metrics."""
    task = TASKS[task_id]
    known = thread_cpu is not None
    record = {
        "id": task_id, "name": task.name, "kind": task.kind,
        "cpuMs": None, "pythonMs": None, "nativeMs": 0.0 if known else None,
        "gilWaitMs": None, "cpuWaitMs": None, "blockedMs": 0.0,
        "startMs": _ms_since_start(), "endMs": None,
    }
    _local.record = record
    _trace_begin_task(record)
    cpu_before = _cpu_now()
    try:
        task.body()
    except BaseException:
        # The other threads replay a fixed script that may now wait forever for this
        # one (a queue it would have filled): report and stop rather than hang.
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(70)
    finally:
        _trace_end_task(record)
        record["endMs"] = _ms_since_start()
        if known:
            record["cpuMs"] = (thread_cpu() - cpu_before) * 1e3
            # Python time is the rest of the thread's CPU time: reading the CPU clock around each
            # py() would cost more than a short one (about 3 us a read on 2.7, through ctypes).
            record["pythonMs"] = max(0.0, record["cpuMs"] - record["nativeMs"])
            # Neither on a CPU nor blocked: waiting for the GIL (or for a CPU).
            record["gilWaitMs"] = max(0.0, record["endMs"] - record["startMs"] - record["cpuMs"] - record["blockedMs"])
        RECORDS.append(record)


def _blocking(wait):
    """Call wait() (it releases the GIL) and count the time as blocked."""
    started = clock()
    try:
        return wait()
    finally:
        _local.record["blockedMs"] += (clock() - started) * 1e3
        _trace_mark("blocked")


# ---------------------------------------------------------------------------
# The operations
# ---------------------------------------------------------------------------


def run_py(bytecodes):
    """py(n): about n bytecodes of pure Python, a countdown loop (holds the GIL)."""
    iterations = int(round(bytecodes / CAL["bytecodesPerIteration"]))
    if "trace" in _local.record:
        _traced_countdown(iterations)
    else:
        _countdown_to(_COUNT_FLOOR + iterations, _COUNT_FLOOR)


_BUFFER_BYTES = 64 << 20
_buffer = []


def _prepare_buffer(size):
    """The zero bytes C code reads, allocated once and before the clock starts where possible:
    filling 64 MB takes tens of ms with the GIL held."""
    size = min(_BUFFER_BYTES, max(2048, size))
    if not _buffer or len(_buffer[0]) < size:
        _buffer[:] = [b"\0" * size]
    return _buffer[0]


def _prepare_buffer_for_scenario():
    largest = SETTINGS.get("largestReleasingNativeMs", 0)
    if largest:
        _prepare_buffer(int(largest * CAL["releasingBytesPerMs"]))


def run_c_releasing_gil(ms):
    """native(ms, releasesGil: true): C code over zero bytes that drops the GIL (see _releasing_call)."""
    cpu_before = _cpu_now()
    remaining = max(2048, int(ms * CAL["releasingBytesPerMs"]))
    data = _buffer[0] if _buffer else _prepare_buffer(remaining)
    while remaining > 0:
        size = max(2048, min(remaining, len(data)))
        _release_gil_over(buffer(data, 0, size) if PY2 else memoryview(data)[:size], CAL["releasingCall"])  # noqa: F821
        remaining -= size
    _charge_cpu("nativeMs", cpu_before)
    _trace_mark("native")


def run_c_holding_gil(ms):
    """native(ms, releasesGil: false): sum() over a range, C code that keeps the GIL throughout."""
    cpu_before = _cpu_now()
    sum(_range(int(ms * 1e6 / CAL["sumNsPerItem"])))
    _charge_cpu("nativeMs", cpu_before)
    _trace_mark("native")


def _sleep_ms(ms):
    """Block with the GIL released for ms; note how late the thread got going again."""
    started = clock()
    time.sleep(ms / 1000.0)
    elapsed = (clock() - started) * 1e3
    _local.record["blockedMs"] += min(ms, elapsed)
    LATENCIES.append(max(0.0, elapsed - ms))
    _trace_sleep(started, ms)


def do_io(ms):
    """io(ms): blocking I/O that completes after ms; time.sleep stands in for the read."""
    _sleep_ms(ms)


def do_sleep(ms):
    """sleep(ms): time.sleep."""
    _sleep_ms(ms)


def acquire(lock):
    _blocking(lock.acquire)


def release(lock):
    lock.release()
    _trace_mark("python")


def set_event(event):
    event.set()
    _trace_mark("python")


def wait_event(event):
    _blocking(event.wait)


def put(jobs, item):
    jobs.put(item)
    _trace_mark("python")


def get(jobs):
    return _blocking(jobs.get)


def bump(value):
    """increment(..., { via: "call" }): a Python function call between the read and the write."""
    return value + 1


def log(text):
    line = "[%10.3f ms] %s: %s\n" % (_ms_since_start(), _local.record["name"], text)
    sys.stderr.write(line.encode("utf-8") if PY2 else line)
    _trace_mark("python")


# ---------------------------------------------------------------------------
# Starting and joining threads, processes and subinterpreters
# ---------------------------------------------------------------------------

try:
    from concurrent import interpreters as _interpreters  # Python 3.14+ (PEP 734)
except ImportError:
    _interpreters = None


def start(task_id):
    task = TASKS[task_id]
    if task.kind == "process":
        HANDLES[task_id] = _ProcessHandle(task)
    elif task.kind == "interpreter" and _interpreters is not None:
        HANDLES[task_id] = _InterpreterHandle(task)
    else:  # a thread (and a subinterpreter before 3.14: it shares the GIL)
        thread = threading.Thread(target=_run_task, args=(task_id,), name=_os_name(task.name))
        _trace_mark("python")
        thread.start()  # waits for the new thread to signal that it runs (an Event)
        HANDLES[task_id] = thread
    _trace_mark("blocked")


def join(task_id):
    _blocking(HANDLES[task_id].join)


def _join_all():
    """Wait for every task started in this process, as the interpreter does at exit."""
    seen = -1
    while seen != len(HANDLES):
        seen = len(HANDLES)
        for task_id in sorted(list(HANDLES)):
            HANDLES[task_id].join()


def _import_multiprocessing():
    """Import multiprocessing before the clock starts, when the scenario starts processes: a real
    program imports it at the top, and the first import costs ~24 ms on 3.12 here, which is not
    the cost of starting a process."""
    if any(task.kind == "process" for task in TASKS.values()):
        import multiprocessing  # noqa: F401  (cached in sys.modules for _ProcessHandle)


class _ProcessHandle(object):
    """multiprocessing.Process running one task; its metrics come back through a Pipe."""

    def __init__(self, task):
        import multiprocessing
        if hasattr(multiprocessing, "get_context"):
            context = multiprocessing.get_context(task.start_method)
        else:  # Python 2 always forks
            context = multiprocessing
        self._connection, child_end = context.Pipe()
        self._process = context.Process(
            target=_process_main, args=(task.id, child_end, CAL, SETTINGS, _state["t0"]), name=_os_name(task.name))
        self._process.start()
        child_end.close()
        if task.arg_bytes:
            self._connection.send(b"\0" * task.arg_bytes)  # the arguments, pickled
        self._joined = False

    def join(self):
        if self._joined:
            return
        records, latencies, _result = self._connection.recv()
        RECORDS.extend(records)
        LATENCIES.extend(latencies)
        self._process.join()
        self._joined = True


def _reset_child_state(calibration, settings, t0):
    calibration, settings = dict(calibration), dict(settings)  # with fork they are our own dicts
    CAL.clear()
    CAL.update(calibration)
    SETTINGS.update(settings)
    _state["t0"] = t0
    HANDLES.clear()
    del RECORDS[:], LATENCIES[:]
    _apply_settings()
    _prepare_buffer_for_scenario()


def _process_main(task_id, connection, calibration, settings, t0):
    _reset_child_state(calibration, settings, t0)
    task = TASKS[task_id]
    if task.arg_bytes:
        connection.recv()
    _run_task(task_id)
    _join_all()
    connection.send((list(RECORDS), list(LATENCIES), b"\0" * task.result_bytes))
    connection.close()


class _InterpreterHandle(object):
    """A subinterpreter (own GIL, Python 3.14+) on a new thread. It loads this file as a module,
    runs the task and writes its metrics to a temporary file. If that fails, the task runs as a thread."""

    def __init__(self, task):
        import tempfile
        handle, self._path = tempfile.mkstemp(suffix=".json")
        os.close(handle)
        self._task = task
        self._code = (
            "import runpy\n"
            "namespace = runpy.run_path(%r, run_name='__gil_lab_subinterpreter__')\n"
            "namespace['_interpreter_main'](%d, %r, %r)\n"
        ) % (os.path.abspath(__file__), task.id, json.dumps([CAL, SETTINGS, _state["t0"]]), self._path)
        self._thread = threading.Thread(target=self._run, name=_os_name(task.name))
        self._thread.start()
        self._joined = False

    def _run(self):
        try:
            interpreter = _interpreters.create()
            try:
                getattr(interpreter, "exec")(self._code)  # a keyword in Python 2
            finally:
                interpreter.close()
        except Exception as error:
            print("subinterpreter %s failed (%s); running it as a thread" % (self._task.name, error), file=sys.stderr)
            _run_task(self._task.id)
            os.remove(self._path)
            self._path = None

    def join(self):
        self._thread.join()
        if self._joined:
            return
        self._joined = True
        if self._path:
            with open(self._path) as results:
                records, latencies = json.load(results)
            os.remove(self._path)
            RECORDS.extend(records)
            LATENCIES.extend(latencies)


def _interpreter_main(task_id, shared, path):
    calibration, settings, t0 = json.loads(shared)
    _reset_child_state(calibration, settings, t0)
    _run_task(task_id)
    _join_all()
    with open(path, "w") as results:
        json.dump([RECORDS, LATENCIES], results)


# ---------------------------------------------------------------------------
# Recording the timeline (--trace FILE, or GIL_LAB_TRACE=FILE)
# ---------------------------------------------------------------------------
# Each task notes what it was doing as [state, start ns, end ns] in the simulator's thread
# states, one operation after the other with no gap. Python work runs in chunks of about
# TRACE_CHUNK_US: a chunk that took longer than its solo cost (measured at start-up) is
# "python" for that cost and "gil-wait" (waiting for the GIL or a CPU: the OS cannot tell
# them apart) for the rest. I/O and sleeps are "blocked" for their nominal length, then
# "gil-wait" until the thread runs again; locks, events, queues and joins are "blocked";
# C code is "native". Without --trace none of this runs: run_py is a single countdown.

TRACE_CHUNK_US = 100  # calibrated in src/python-export/README.md ("Recording the timeline")
TRACE_FORMAT = "gil-lab-real-trace"
TRACE_VERSION = 1

if hasattr(time, "perf_counter_ns"):  # Python 3.7+: the same clock as perf_counter, in ns
    _now_ns = time.perf_counter_ns
else:
    def _now_ns():
        return int(clock() * 1e9)


def _trace_file():
    """Where to write the timeline: --trace FILE, --trace=FILE or GIL_LAB_TRACE, else None."""
    for index, argument in enumerate(sys.argv[1:], 1):
        if argument == "--trace" and index + 1 < len(sys.argv):
            return sys.argv[index + 1]
        if argument.startswith("--trace="):
            return argument[len("--trace="):]
    return os.environ.get("GIL_LAB_TRACE") or None


def _trace_add(intervals, state, start, end):
    if end <= start:
        return
    if intervals and intervals[-1][0] == state:
        intervals[-1][2] = end
    else:
        intervals.append([state, start, end])


def _trace_begin_task(record):
    if SETTINGS.get("traceChunkIterations"):
        record["trace"] = []
        _local.trace_last = _now_ns()


def _trace_mark(state):
    """The time since the last mark was spent in `state`."""
    intervals = _local.record.get("trace")
    if intervals is not None:
        now = _now_ns()
        _trace_add(intervals, state, _local.trace_last, now)
        _local.trace_last = now


def _trace_sleep(started, ms):
    intervals = _local.record.get("trace")
    if intervals is not None:
        now = _now_ns()
        woke = min(now, int(started * 1e9 + ms * 1e6))
        _trace_add(intervals, "blocked", _local.trace_last, woke)
        _trace_add(intervals, "gil-wait", woke, now)
        _local.trace_last = now


def _trace_chunk(intervals, last, solo_ns):
    """A chunk of Python work just ended: "python" for its solo cost, "gil-wait" for the rest
    (the GIL or a CPU went to another thread meanwhile). Returns the time it ended."""
    now = _now_ns()
    if now - last > solo_ns:
        _trace_add(intervals, "python", last, last + solo_ns)
        _trace_add(intervals, "gil-wait", last + solo_ns, now)
    else:
        _trace_add(intervals, "python", last, now)
    return now


def _traced_countdown(iterations):
    """_countdown in chunks of SETTINGS["traceChunkIterations"] turns, each timestamped."""
    intervals = _local.record["trace"]
    chunk = SETTINGS["traceChunkIterations"]
    turn_ns = CAL["bytecodeNs"] * CAL["bytecodesPerIteration"]
    last = _local.trace_last
    while iterations > 0:
        turns = chunk if iterations > chunk else iterations
        _countdown_to(_COUNT_FLOOR + turns, _COUNT_FLOOR)
        last = _trace_chunk(intervals, last, int(turns * turn_ns))
        iterations -= turns
    _local.trace_last = last


_UNCHUNKED = 1 << 62


def _increment_chunk(bytecodes_per_turn):
    """How many turns of an increment loop to run between timestamps: a trace chunk's worth
    when recording, else all of them (one chunk, no timestamps)."""
    if "trace" not in _local.record:
        return _UNCHUNKED
    return max(1, int(round(SETTINGS["traceChunkUs"] * 1e3 / (CAL["bytecodeNs"] * bytecodes_per_turn))))


def _increment_chunk_done(turns, bytecodes_per_turn):
    """After `turns` turns of an increment loop: timestamp them like a countdown chunk."""
    intervals = _local.record.get("trace")
    if intervals is not None:
        _local.trace_last = _trace_chunk(intervals, _local.trace_last, int(turns * bytecodes_per_turn * CAL["bytecodeNs"]))


def _trace_end_task(record):
    if "trace" in record:
        _trace_mark("python")


def _enable_trace():
    """Turn recording on (before any task starts; child processes inherit it through SETTINGS)."""
    chunk_us = float(os.environ.get("GIL_LAB_TRACE_CHUNK_US") or TRACE_CHUNK_US)
    SETTINGS["traceChunkUs"] = chunk_us
    SETTINGS["traceChunkIterations"] = max(1, int(round(chunk_us * 1e3 / (CAL["bytecodeNs"] * CAL["bytecodesPerIteration"]))))


def _machine():
    """What the trace was recorded on, for its label (no host name: files get shared)."""
    import platform
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except (IOError, OSError):
        pass
    return {"system": platform.system(), "release": platform.release(), "cpu": cpu}


def _write_trace(path, report, threads):
    """The report plus the timeline, as one JSON file."""
    t0 = int(_state["t0"] * 1e9)
    trace = []
    for record in threads:
        for state, start, end in record.pop("trace", []):
            trace.append({
                "thread": record["id"], "state": state,
                "startMs": round((start - t0) / 1e6, 4), "endMs": round((end - t0) / 1e6, 4),
            })
    document = dict(report)
    document.update({
        "format": TRACE_FORMAT, "version": TRACE_VERSION, "scenarioId": SETTINGS.get("scenarioId"),
        "title": SETTINGS.get("title"), "machine": _machine(), "traceChunkUs": SETTINGS["traceChunkUs"],
        "threads": [dict(record) for record in threads], "trace": trace,
    })
    with open(path, "w") as out:
        json.dump(document, out)


# ---------------------------------------------------------------------------
# Machine settings and the report
# ---------------------------------------------------------------------------


def _apply_settings():
    """The scenario's GIL settings. Nothing else is tuned: sleeps overshoot by the OS's
    timer slack as in any Python program, and the simulator models that."""
    if hasattr(sys, "setswitchinterval"):
        sys.setswitchinterval(SETTINGS["switchIntervalMs"] / 1000.0)
    if sys.version_info < (3, 2):
        sys.setcheckinterval(SETTINGS["checkInterval"])


def _use_cpus(wanted, notes):
    """Restrict the program to the scenario's CPU count where the OS allows it (Linux)."""
    if not hasattr(os, "sched_getaffinity"):
        import multiprocessing
        available = multiprocessing.cpu_count()
        if wanted != available:
            notes.append("cannot pin CPUs here: ran on %d CPUs, the scenario has %d" % (available, wanted))
        return available
    allowed = sorted(os.sched_getaffinity(0))
    if wanted < len(allowed):
        os.sched_setaffinity(0, allowed[:wanted])
    elif wanted > len(allowed):
        notes.append("the scenario has %d CPUs; this machine gave the program %d" % (wanted, len(allowed)))
    return len(os.sched_getaffinity(0))


def _latency_summary(values):
    ordered = sorted(values)
    if not ordered:
        return {"count": 0, "p50": 0, "p99": 0, "max": 0}

    def rank(fraction):
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    return {"count": len(ordered), "p50": rank(0.5), "p99": rank(0.99), "max": ordered[-1]}


def _context_switches():
    try:
        import resource
    except ImportError:
        return None
    total = 0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_nvcsw + usage.ru_nivcsw
    return total


def _runtime_name():
    import sysconfig
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    return "cpython-%d.%d.%d%s" % (sys.version_info[:3] + ("t" if free_threaded else "",))


def _shared_report(name, value, expected):
    return {"name": name, "value": value, "expected": expected, "lost": expected - value}


def run_program():
    """Run the scenario with real threads and print its metrics as one JSON object."""
    notes = []
    cpus = _use_cpus(SETTINGS["cpus"], notes)
    _apply_settings()
    CAL.update(calibrate())
    trace_path = _trace_file()
    if trace_path:
        _enable_trace()
    _prepare_buffer_for_scenario()
    _import_multiprocessing()
    switches_before = _context_switches()
    _state["t0"] = clock()
    _run_task(0)
    _join_all()
    wall_ms = _ms_since_start()
    switches_after = _context_switches()
    threads = sorted(RECORDS, key=lambda record: record["id"])
    traced = [dict(record) for record in threads]
    for record in threads:
        del record["id"]
        record.pop("trace", None)
    busy = [record["cpuMs"] for record in threads]
    report = {
        "runtime": _runtime_name(),
        "cpus": cpus,
        "wallMs": wall_ms,
        "threads": threads,
        "gilHandoffs": None,
        "failedAcquires": None,
        "dropRequests": None,
        "gilChecks": None,
        "contextSwitches": None if switches_before is None else switches_after - switches_before,
        "cpuUtilization": None if None in busy else sum(busy) / (wall_ms * cpus),
        "ioLatencyMs": _latency_summary(LATENCIES),
        "simEvents": None,
        "shared": [_shared_report(name, value(), expected) for name, value, expected in SHARED],
        "measured": {
            "python": sys.version.split()[0],
            "platform": sys.platform,
            "simulatedRuntime": SETTINGS["runtime"],
            "scale": SETTINGS["scale"],
            "calibration": CAL,
            "notes": notes,
        },
    }
    if trace_path:
        _write_trace(trace_path, report, traced)
    print(json.dumps(report, indent=2))
