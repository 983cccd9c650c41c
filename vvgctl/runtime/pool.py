"""The one way vvgctl spreads work over the machine's cores.

``check``, the query index, ``render`` and ``publish`` hand their work to :func:`parallel_map`.
Workers are forked (they inherit what the parent already loaded: the registry, the templates,
pydantic's schemas), and each one, before its first task (:func:`start_worker`):

- takes what it inherited out of the garbage collector's sight (``gc.freeze``);
- asks the kernel to end it when its parent dies (``PR_SET_PDEATHSIG`` on Linux), so a parent
  killed with ``kill -9`` leaves no workers behind;
- ignores Ctrl-C, which the parent handles: on an interrupt or an error in the parent the pool
  is stopped at once, queued tasks cancelled and running workers terminated.

Small batches run in the calling process: below ``threshold`` tasks a pool costs more than it
saves.

A task that should not stop the others (a render that fails for one meeting) returns its
problem as a value instead of raising it; any exception a task raises stops the pool and is
raised in the parent. Consume the results in ``with contextlib.closing(parallel_map(...))``:
an error or Ctrl-C in the parent's own loop then stops the pool at once too, not when the
abandoned iterator happens to be collected.

A task that needs the command's context (the open repository, a render batch) gets it as an
argument: :func:`map_with` hands ``context`` to each worker once, through the pool's
initializer, and calls ``function(context, task)``; nothing travels through a module global of
the caller.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Generator, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from vvgctl.runtime.progress import Progress

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")

_PR_SET_PDEATHSIG = 1


def default_jobs(jobs: int = 0) -> int:
    """``jobs`` if given, else the machine's cores (at most 8: more cost memory, not time)."""
    return jobs if jobs > 0 else min(os.cpu_count() or 1, 8)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return  # no prctl: the worker still ends when the pool is shut down


def start_worker(initializer: Callable[..., object] | None = None, *initargs: object) -> None:
    """What a forked worker does before its first task (see the module's documentation).

    Freezing matters: a worker parses thousands of files, each allocating enough containers to
    trigger collections, and every full collection walked the ~40,000 objects forked from the
    parent as well; frozen, collections cost 0.16 instead of 0.44-0.57 ms a file.
    """
    parent = os.getppid()
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    _WORKER["worker"] = True  # a pool's worker starts no pool of its own
    if initializer is not None:
        initializer(*initargs)


#: in a forked worker: that it is one, and the context its initializer was given
#: (:func:`map_with`); the parent never writes it, and a worker serves one pool
_WORKER: dict[str, object] = {}


def in_worker() -> bool:
    """Whether this process is a worker of a pool (what it keeps, its parent never sees)."""
    return "worker" in _WORKER


def _keep(context: object) -> None:
    _WORKER["context"] = context


def _with_context(call: tuple[Callable[[Any, Any], R], object]) -> R:
    function, task = call
    return function(_WORKER["context"], task)


def map_with(
    context: C,
    function: Callable[[C, T], R],
    tasks: Iterable[T],
    *,
    jobs: int = 0,
    threshold: int = 1,
    chunksize: int = 1,
    progress: Progress | None = None,
    done: int = 0,
    total: int | None = None,
) -> Generator[R, None, None]:
    """``function(context, task)`` over ``tasks``, in order, as :func:`parallel_map` does;
    each forked worker receives ``context`` once, through the pool's initializer (it is
    inherited by the fork, never pickled), and in this process it is passed as it is."""
    todo = list(tasks)
    workers = min(default_jobs(jobs), len(todo))
    if workers <= 1 or len(todo) < threshold or "worker" in _WORKER:
        yield from parallel_map(
            lambda task: function(context, task),
            todo,
            jobs=1,
            progress=progress,
            done=done,
            total=total,
        )
        return
    yield from parallel_map(
        _with_context,
        [(function, task) for task in todo],
        jobs=jobs,
        threshold=threshold,
        chunksize=chunksize,
        progress=progress,
        done=done,
        total=total,
        initializer=_keep,
        initargs=(context,),
    )


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: cancel what is queued and end the workers that are running."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def parallel_map(
    function: Callable[[T], R],
    tasks: Iterable[T],
    *,
    jobs: int = 0,
    threshold: int = 1,
    chunksize: int = 1,
    progress: Progress | None = None,
    done: int = 0,
    total: int | None = None,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[object, ...] = (),
) -> Generator[R, None, None]:
    """``function`` over ``tasks``, in order, on ``jobs`` forked workers.

    ``progress(done, total)`` is called after each result (``done`` and ``total`` may start
    from work the caller finished before, e.g. cached results). With fewer than ``threshold``
    tasks, or one job, the tasks run in this process (``initializer`` is then not called:
    this process already holds what it would set up). In a worker of a pool the tasks run in
    that worker: a pool's workers start no pools of their own.
    """
    todo = list(tasks)
    total = done + len(todo) if total is None else total
    workers = min(default_jobs(jobs), len(todo))
    if workers <= 1 or len(todo) < threshold or "worker" in _WORKER:
        for task in todo:
            result = function(task)
            done += 1
            if progress:
                progress(done, total)
            yield result
        return
    setup: tuple[Any, ...] = (initializer, *initargs)
    # imported here: a command whose work stays in one process does not pay for them (25 ms)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=start_worker,
        initargs=setup,
    )
    try:
        for result in pool.map(function, todo, chunksize=chunksize):
            done += 1
            if progress:
                progress(done, total)
            yield result
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
