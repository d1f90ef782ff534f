"""Concurrent requests in tests: real connections per thread, released together at a barrier."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def at_once(workers: int, work: Callable[[int], object]) -> list[object]:
    """Run ``work(n)`` for n in range(workers) in threads released together; each result,
    or the exception it raised (the outcome is what the tests assert)."""
    barrier = threading.Barrier(workers)
    results: list[object] = [None] * workers

    def run(n: int) -> None:
        try:
            barrier.wait()
            results[n] = work(n)
        except Exception as exc:
            results[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
