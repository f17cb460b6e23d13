"""Pausing Python's cyclic garbage collector while a big acyclic structure is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Within it, the cyclic collector does not run. Building tens of thousands of rows (a checked
    file of 50.000 rows, the batches written from it) otherwise triggers its full collections again
    and again, each walking every object built so far: a fifth of an import's time. Reference
    counting still frees whatever is dropped; only cyclic garbage waits, for the few seconds this
    lasts (in every thread of the process: keep the block short, and do not build cycles in it).
    Nested or concurrent uses leave the collector as the outermost found it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
