"""One file's work in a worker process under the limits: killed at its time limit, its address
space capped (RLIMIT_AS) at its memory limit, dying with its parent (PR_SET_PDEATHSIG on Linux).

Workers fork from a forkserver (a clean process with the extraction code imported), never from
the caller: a caller holding threads (OCR's thread pools, DuckDB's) would hand a forked child
locks nobody will release. The caller's DISCLOSURE_* environment is passed to each worker.
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
from dataclasses import dataclass

from disclosure.limits import Limits

PRELOAD = ["disclosure.forkserver", "disclosure.pipeline", "disclosure.batch.rows"]
CRASH_HOOK = "DISCLOSURE_TEST_CRASH"  # tests: a worker given a file of this name kills itself (SIGKILL)
_PR_SET_PDEATHSIG = 1


def context():
    """The multiprocessing context workers start from: forkserver (preloaded) where there is one,
    else spawn."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return mp.get_context("spawn")


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent ends (Linux; elsewhere nothing). A
    worker's parent is the forkserver, which dies with the process that started it (forkserver.py)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
        if os.getppid() == 1:  # the parent is gone already
            os._exit(1)


def enter(memory_mb: float, env: dict[str, str]) -> None:
    """First thing in a worker: take the caller's DISCLOSURE_* environment, die with the parent,
    cap the address space at `memory_mb` MiB (0: no cap)."""
    for k in [k for k in os.environ if k.startswith("DISCLOSURE_") and k not in env]:
        del os.environ[k]
    os.environ.update(env)
    die_with_parent()
    if memory_mb:
        limit = int(memory_mb * 1048576)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def crash_hook(path: str) -> None:
    """Tests: SIGKILL this worker when `path`'s file name is $DISCLOSURE_TEST_CRASH (a worker
    killed mid-file, as the kernel's memory killer would)."""
    name = os.environ.get(CRASH_HOOK)
    if name and os.path.basename(path) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def peak_mb() -> float:
    """This process's peak resident memory, MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def out_of_memory(e: BaseException) -> bool:
    """Whether `e` is the memory limit showing: a MemoryError, or an OSError of memory that could not
    be had (ENOMEM; the loader's "failed to map segment from shared object" when a library such as
    pdfium cannot be mapped under RLIMIT_AS), not a fault of the file."""
    import errno

    if isinstance(e, MemoryError):
        return True
    if isinstance(e, OSError):
        text = str(e)
        return e.errno == errno.ENOMEM or "failed to map segment" in text or "Cannot allocate memory" in text
    return False


def memory_reason(memory_mb: float) -> str:
    return f"memory limit reached (--max-memory {memory_mb:g} MB)"


def signal_reason(exitcode: int | None, memory_mb: float) -> str:
    """Why a worker that ended without a result ended: the signal, and the memory limit when it
    may be the cause (pdfium aborts when an allocation fails)."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        tail = f"; the memory limit (--max-memory {memory_mb:g} MB) may have been reached" if memory_mb else ""
        return f"worker crashed ({name}){tail}"
    return f"worker ended without a result (exit code {exitcode})"


@dataclass
class Result:
    """status: "ok" (value: what the function returned), "error" (value: a one-line reason:
    the input's, or a limit's), "crashed" (value: the signal) or "timed_out"; peak_mb: the
    worker's peak resident memory, MiB (0 when unknown: killed, or run in-process)."""
    status: str
    value: object
    peak_mb: float = 0.0
    seconds: float = 0.0


def _target(fn, args, memory_mb: float, env: dict[str, str], level: int, conn, pages=None) -> None:
    from disclosure.extract.errors import InputError

    enter(memory_mb, env)
    from disclosure import progress

    progress.configure_logging(level)  # as the CLI's: text, or JSON lines under --log-json ($DISCLOSURE_LOG_FORMAT)
    if pages is not None:  # pages read and of how many, for the parent's bar
        def seen(done: int, total: int) -> None:
            pages[0], pages[1] = done, total
        progress.on_pages(seen)
    try:
        try:
            out = ("ok", fn(*args))
        except InputError as e:
            out = ("error", e.reason)
        except MemoryError:
            out = ("error", memory_reason(memory_mb))
        except Exception as e:  # a bug on one file is that file's error
            out = ("error", memory_reason(memory_mb) if out_of_memory(e) else
                   f"internal error ({type(e).__name__}: {e})"[:300])
        try:
            conn.send((*out, peak_mb()))
        except MemoryError:
            conn.send(("error", memory_reason(memory_mb), peak_mb()))
    finally:
        conn.close()


def _wait(conn, timeout: float, started: float, pages, on_pages) -> bool:
    """Whether the worker answered (or died: its end of the pipe closed) within `timeout` seconds of
    `started` (0: no limit); meanwhile, with `on_pages`, its pages are passed on every 0.2 s."""
    if on_pages is None:
        return conn.poll(timeout or None)
    seen = (-1, -1)
    while True:
        wait = 0.2 if not timeout else min(0.2, max(0.0, started + timeout - time.monotonic()))
        if conn.poll(wait):
            if pages[1] and (pages[0], pages[1]) != seen:
                on_pages(pages[0], pages[1])  # the last pages read, however fast they were read
            return True
        if timeout and time.monotonic() >= started + timeout:
            return False
        if (pages[0], pages[1]) != seen:
            seen = (pages[0], pages[1])
            on_pages(*seen)


def run(fn, args: tuple, limits: Limits, on_pages=None) -> Result:
    """fn(*args) in a worker process under `limits` (timeout, memory_mb). With neither limit set it
    runs here, in this process. `fn` and `args` must pickle (a module-level function).
    on_pages: called (done, total) as the worker's reader reads pages (disclosure.progress), a few
    times a second at most, in this process."""
    started = time.monotonic()
    env = {k: v for k, v in os.environ.items() if k.startswith("DISCLOSURE_")} | limits.env()
    if not limits.timeout and not limits.memory_mb:
        from disclosure.extract.errors import InputError
        before = {k: os.environ.get(k) for k in env}
        os.environ.update(env)  # the readers take the page, pixel and size limits from here
        from disclosure import progress

        progress.on_pages(on_pages)
        try:
            return Result("ok", fn(*args), 0.0, time.monotonic() - started)
        except InputError as e:
            return Result("error", e.reason, 0.0, time.monotonic() - started)
        except MemoryError:
            return Result("error", "out of memory", 0.0, time.monotonic() - started)
        except Exception as e:  # a bug on one file is that file's error
            return Result("error", f"internal error ({type(e).__name__}: {e})"[:300], 0.0, time.monotonic() - started)
        finally:
            progress.on_pages(None)
            for k, v in before.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    ctx = context()
    parent, child = ctx.Pipe(duplex=False)
    import logging

    level = logging.getLogger().getEffectiveLevel()
    pages = ctx.RawArray("i", 2) if on_pages is not None else None
    proc = ctx.Process(target=_target, args=(fn, args, limits.memory_mb, env, level, child, pages), daemon=True)
    proc.start()
    child.close()
    try:
        if _wait(parent, limits.timeout, started, pages, on_pages):
            try:
                status, value, peak = parent.recv()
                return Result(status, value, peak, time.monotonic() - started)
            except (EOFError, OSError):
                proc.join(5)
                return Result("crashed", signal_reason(proc.exitcode, limits.memory_mb), 0.0,
                              time.monotonic() - started)
        proc.kill()
        return Result("timed_out", f"time limit: no result within {limits.timeout:g} s (--timeout)", 0.0,
                      time.monotonic() - started)
    finally:
        parent.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
