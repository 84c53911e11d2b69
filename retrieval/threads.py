"""How many CPU threads retrieval uses for embedding (torch) and vector search (FAISS/OpenMP).

Measured on this project's 2-core machine while other jobs ran (load average ~6):

- torch, all-MiniLM-L6-v2: with 2 threads one query took 265-346 ms (p50) and batches ran at
  13-20 chunks/s; with 1 thread 21-38 ms and 20-22 chunks/s;
- FAISS: exact search at 20k x 384 took 39 ms (p50) with 2 OpenMP threads, 2.1 ms with 1; adding
  20k vectors to HNSW took 17.8 s with 2 threads, 10.3 s with 1.

Idle threads of an oversubscribed pool spin against busy cores, so one thread is the safe
default beside a database and other processes. Raise it with ``M3AGENT_RETRIEVAL_THREADS`` on a
machine with cores to spare. Both settings are process-wide.
"""

from __future__ import annotations

import os

from m3agent.tools.errors import ConfigError

#: Environment variable: CPU threads for embedding and FAISS (default :data:`DEFAULT_THREADS`).
THREADS_ENV = "M3AGENT_RETRIEVAL_THREADS"
DEFAULT_THREADS = 1


def retrieval_threads() -> int:
    """Return the thread count: ``M3AGENT_RETRIEVAL_THREADS`` or 1.

    Returns:
        A positive integer.

    Raises:
        ConfigError: If the variable is set to anything but a positive integer.
    """
    value = os.environ.get(THREADS_ENV)
    if value is None or not value.strip():
        return DEFAULT_THREADS
    try:
        threads = int(value)
    except ValueError:
        threads = 0
    if threads < 1:
        raise ConfigError(
            f"{THREADS_ENV} must be a positive integer, found {value!r}",
            hint=f"Unset it (default {DEFAULT_THREADS}) or set e.g. {THREADS_ENV}=2.",
        )
    return threads
