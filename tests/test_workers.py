"""The worker pool on real processes: a task that hangs, crashes or outgrows its memory costs that
task only, results come back in order, and workers do not outlive their parent.

The tasks here are small functions of our own (module level, so spawned workers can import them)
standing for documents that misbehave; tests/test_batch.py does the same with the real pipeline.
"""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from eventwire.workers import Failed, Limits, run_isolated

from .conftest import ROOT

LIMITS = Limits(time_budget=3.0, memory_limit_mb=400)


def echo(value, pause=0.0):
    time.sleep(pause)
    return value


def hang(value):
    time.sleep(60)
    return value


def segfault(value):
    os.kill(os.getpid(), signal.SIGSEGV)
    return value


def crash_once(marker: str, value):
    """Dies the first time it is run (as under the OOM killer), works the second time."""
    if not Path(marker).exists():
        Path(marker).write_text("crashed once")
        os.kill(os.getpid(), signal.SIGKILL)
    return value


def hog(value):
    block = bytearray(600 * 2 ** 20)  # over the 400 MB ceiling, touched so that it is resident
    for i in range(0, len(block), 4096):
        block[i] = 1
    time.sleep(10)
    return value


def _run(tasks, workers=2, limits=LIMITS):
    return list(run_isolated(echo, tasks, workers, limits))


def test_workers_results_come_back_in_the_order_given():
    # later tasks finish first; passing items (not argument tuples) keep their place
    tasks = [(n, (n, 0.3 - n * 0.05)) for n in range(6)] + [("unreadable", "kept as it is")]
    assert _run(tasks) == [(n, n) for n in range(6)] + [("unreadable", "kept as it is")]


def test_workers_a_hanging_task_times_out_and_the_rest_goes_on():
    started = time.monotonic()
    results = list(run_isolated(_dispatch, [(n, (name, n)) for n, name in
                                            enumerate(["echo", "hang", "echo", "echo"])], 2, LIMITS))
    assert results[0] == (0, 0) and results[2:] == [(2, 2), (3, 3)]
    assert results[1] == (1, Failed("timeout", "3"))
    assert time.monotonic() - started < 30


def test_workers_a_task_that_kills_its_worker_twice_is_a_crash():
    results = list(run_isolated(_dispatch, [(0, ("segfault", 0)), (1, ("echo", 1))], 1, LIMITS))
    assert results == [(0, Failed("crashed", "killed by SIGSEGV")), (1, 1)]


def test_workers_a_task_whose_worker_was_killed_once_is_tried_again(tmp_path):
    marker = str(tmp_path / "marker")
    results = list(run_isolated(crash_once, [(0, (marker, "done")), (1, (marker, "next"))], 1, LIMITS))
    assert results == [(0, "done"), (1, "next")]
    assert Path(marker).exists()


def test_workers_a_pool_pebble_gave_up_is_renewed_and_its_tasks_run_again():
    """pebble aborts every task with BrokenProcessPool ("All workers expired") when a worker
    dies before it has said which task it took: the batch must not stop with a traceback."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from eventwire.workers import _Supervisor

    supervisor = _Supervisor(echo, 1, LIMITS, None, ())
    try:
        supervisor.pool.stop()  # the pool as pebble leaves it: no longer active
        supervisor.pool.join()
        aborted = Future()
        aborted.set_exception(BrokenProcessPool("All workers expired"))
        assert supervisor._result("t", ("kept",), aborted) == ("t", "kept")
        assert supervisor.renewals == 1 and supervisor.pool.active
    finally:
        supervisor.pool.stop()
        supervisor.pool.join()


def test_workers_a_task_over_the_memory_ceiling_is_stopped():
    results = list(run_isolated(_dispatch, [(0, ("hog", 0)), (1, ("echo", 1))], 1,
                                Limits(time_budget=30.0, memory_limit_mb=400)))
    assert results == [(0, Failed("too_large", "400")), (1, 1)]


ORPHANED = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from eventwire.workers import Limits, run_isolated
    from tests.test_workers import hang
    for tag, result in run_isolated(hang, [(n, (n,)) for n in range(2)], 2, Limits(60.0, 1000)):
        pass
""")


def test_workers_end_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", ORPHANED, str(ROOT)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        workers = []
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = psutil.Process(parent.pid).children()
        assert len(workers) >= 2, "the workers did not start"
        time.sleep(2.0)  # both are inside their task now
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert alive == [], f"workers outlived their parent: {[p.pid for p in alive]}"
    finally:
        if parent.poll() is None:
            parent.kill()


def _dispatch(name, value):
    return {"echo": echo, "hang": hang, "segfault": segfault, "hog": hog}[name](value)


@pytest.fixture(autouse=True)
def _no_workers_left():
    """Every test's pool is stopped when its results are in (multiprocessing's own resource
    tracker lives on with the test process; it is no worker)."""
    yield
    left = [c for c in psutil.Process().children() if c.is_running()
            and c.status() != psutil.STATUS_ZOMBIE and "resource_tracker" not in " ".join(c.cmdline())]
    assert left == []
