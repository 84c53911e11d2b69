"""How many CPU threads retrieval uses for embedding (torch) and vector search (FAISS/OpenMP).

Measured on this project's 2-core machine, shared with other jobs:

- one query (MiniLM embedding, FAISS search) at load average ~6: torch with 2 threads took
  265-346 ms (p50) against 21-38 ms with 1; exact FAISS search at 20k x 384 took 39 ms with 2
  OpenMP threads against 2.1 ms with 1. Idle threads of an oversubscribed pool spin against busy
  cores, and a single query has too little work to share anyway;
- batches (building an index): MiniLM on ClinicalTrials.gov chunks ran at 22-26 chunks/s with 2
  threads against 14 with 1 at load ~2.4, and 13-20 against 20-22 at load ~6; adding 20k vectors
  to HNSW took 17.8 s with 2 threads and 10.3 s with 1 at load ~6.

So single queries use 1 thread and batches all cores by default; ``M3AGENT_RETRIEVAL_THREADS``
sets one count for both. torch and OpenMP thread counts are process-wide settings, set just
before each call (setting them costs well under a microsecond).
"""

from __future__ import annotations

import os

from m3agent.tools.errors import ConfigError

#: Environment variable: CPU threads for embedding and FAISS, batches and single queries alike.
THREADS_ENV = "M3AGENT_RETRIEVAL_THREADS"
#: Threads for a single query when the variable is not set.
QUERY_THREADS = 1
#: From this many texts on, an embedding call counts as a batch.
BATCH_MIN = 16


def retrieval_threads(*, batch: bool = False) -> int:
    """Return the thread count for a call: ``M3AGENT_RETRIEVAL_THREADS``, else 1 or all cores.

    Args:
        batch: Whether the call is batch work (index building) rather than one query.

    Returns:
        A positive integer.

    Raises:
        ConfigError: If the variable is set to anything but a positive integer.
    """
    value = os.environ.get(THREADS_ENV)
    if value is None or not value.strip():
        return (os.cpu_count() or 1) if batch else QUERY_THREADS
    try:
        threads = int(value)
    except ValueError:
        threads = 0
    if threads < 1:
        raise ConfigError(
            f"{THREADS_ENV} must be a positive integer, found {value!r}",
            hint=f"Unset it (1 thread per query, all cores for batches) or set e.g. "
            f"{THREADS_ENV}=2.",
        )
    return threads
