"""Run a parser we do not control in a child process, bounded in wall-clock time and address space.

pdfminer (and any parser like it) can be driven into an endless loop or unbounded memory by a file of a
few hundred bytes. The parse therefore runs in a forked child: an address-space limit
(`RLIMIT_AS`, what the child starts with plus the budget) turns runaway allocation into a MemoryError
there, a CPU-time limit ends a child whose parent died, and the parent kills the child at the wall-clock
deadline. The parent turns each breach into one typed line; the child's own output (a library's log
lines, a fatal error's dump) goes to /dev/null.

Why fork, not multiprocessing's spawn or forkserver: a forked child starts in about a millisecond with
every module the parent already imported, and nothing is re-imported — forkserver and spawn import the
caller's `__main__` again, which re-runs an unguarded user script that merely called the API. The child
runs only the parse function, in one thread, and leaves with os._exit (no atexit handlers, no flushing
of the parent's buffers). Only the result travels back, pickled through a pipe.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from summarise.errors import InputError, ProcessingError, first_line

R = TypeVar("R")

# Spare CPU seconds on top of the wall-clock limit before the kernel stops a child whose parent is gone.
_CPU_SPARE_SECONDS = 2
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Bounds:
    """The limits of one bounded run, and the settings that raise them (named in the error lines)."""

    seconds: float  # wall clock, from the fork to the answer
    memory_mb: int  # address space the child may add to what it inherits
    seconds_setting: str = ""  # the setting that raises each limit, named in the error line
    memory_setting: str = ""


class ParseTimeout(InputError):
    """The parser ran past its wall-clock limit (an endless loop in a hostile file, or a huge one)."""


class ParseOutOfMemory(InputError):
    """The parser needed more memory than its budget."""


class ParserDied(InputError):
    """The parser's process ended without an answer (killed by a signal, or crashed)."""


def run_bounded(function: Callable[..., R], *arguments: Any, bounds: Bounds, source: str) -> R:
    """`function(*arguments)` run in a child process under `bounds`; its result, or its error raised here.

    An InputError the function raises comes back as itself; a breach of the bounds is a ParseTimeout or
    ParseOutOfMemory naming `source` and the setting that raises the limit. Where fork is not available
    (Windows) the function runs in this process without bounds.
    """
    if not hasattr(os, "fork"):
        return function(*arguments)
    read_end, write_end = os.pipe()
    try:
        pid = _fork()
    except OSError as error:
        os.close(read_end)
        os.close(write_end)
        raise ProcessingError(f"{source}: could not start the parser's process: {first_line(error)}") from None
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(write_end, function, arguments, bounds)
    os.close(write_end)
    return _parent(pid, read_end, bounds, source)


def _fork() -> int:
    import warnings

    with warnings.catch_warnings():
        # Python 3.12+ warns about fork in a process with threads (a model's thread pool): the child
        # touches no lock those threads hold; it runs the parse and leaves.
        warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*fork.*")
        return os.fork()


def _child(write_end: int, function: Callable[..., Any], arguments: tuple[Any, ...], bounds: Bounds) -> None:
    status = 0
    try:
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_DFL)  # the parent's handlers (a batch's clean stop) are not ours
        _silence_output()
        _limit_resources(bounds)
        try:
            payload: tuple[str, Any] = ("ok", function(*arguments))
        except MemoryError:
            payload = ("memory", None)
        except InputError as error:
            payload = ("error", error)
        except RecursionError:
            payload = ("crash", "structure nested too deeply")
        except Exception as error:  # noqa: BLE001 - anything else is reported, never lost
            payload = ("crash", f"{type(error).__name__}: {first_line(error)}")
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory", None))
        except Exception as error:  # noqa: BLE001 - an unpicklable error is sent as its text
            data = pickle.dumps(("crash", f"{type(error).__name__}: {first_line(error)}"))
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view[:_CHUNK]) :]
    except BaseException:  # noqa: BLE001 - whatever happens, the child leaves through os._exit
        status = 70
    finally:
        os._exit(status)


def _silence_output() -> None:
    null = os.open(os.devnull, os.O_WRONLY)
    for descriptor in (1, 2):
        os.dup2(null, descriptor)
    os.close(null)
    import logging

    logging.disable(logging.CRITICAL)  # a parser's warnings are not the user's business


def _limit_resources(bounds: Bounds) -> None:
    import resource

    budget = bounds.memory_mb * (1 << 20)
    limit = _address_space() + budget
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    cpu_seconds = int(bounds.seconds) + 1 + _CPU_SPARE_SECONDS
    _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    if cpu_hard == resource.RLIM_INFINITY or cpu_seconds < cpu_hard:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_hard))


def _address_space() -> int:
    """The bytes of address space this process maps now (what the budget is added to)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # an estimate where /proc is absent


def _parent(pid: int, read_end: int, bounds: Bounds, source: str) -> Any:
    deadline = time.monotonic() + bounds.seconds
    chunks: list[bytes] = []
    reaped = False
    status = 0
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _timeout(bounds, source)
            ready, _, _ = select.select([read_end], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_end, _CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
        _, status = os.waitpid(pid, 0)
        reaped = True
    finally:
        os.close(read_end)
        if not reaped:
            _kill(pid)
    return _answer(b"".join(chunks), status, bounds, source)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _answer(data: bytes, status: int, bounds: Bounds, source: str) -> Any:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number == signal.SIGXCPU:
            raise _timeout(bounds, source)
        name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
        raise ParserDied(f"{source}: the parser was stopped by {name} before it finished (a corrupt or hostile "
                         f"file?)")
    try:
        kind, value = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a child that died mid-answer
        code = os.waitstatus_to_exitcode(status)
        raise ParserDied(f"{source}: the parser ended without an answer (exit status {code})") from None
    if kind == "ok":
        return value
    if kind == "memory":
        hint = f" (raise it with {bounds.memory_setting})" if bounds.memory_setting else ""
        raise ParseOutOfMemory(f"{source}: parsing needs more than {bounds.memory_mb} MB of memory{hint}")
    if kind == "error":
        raise value
    raise ParserDied(f"{source}: the parser failed: {value}")


def _timeout(bounds: Bounds, source: str) -> ParseTimeout:
    hint = f" ({bounds.seconds_setting})" if bounds.seconds_setting else ""
    return ParseTimeout(f"{source}: parsing took longer than {bounds.seconds:g} s{hint}")


__all__ = ["Bounds", "ParseOutOfMemory", "ParseTimeout", "ParserDied", "run_bounded"]
