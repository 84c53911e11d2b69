"""Dense search: a FAISS inner-product index, exact for small corpora and HNSW for large ones.

Vectors are unit length, so inner product is cosine similarity. Exact search (``IndexFlatIP``)
costs O(n) per query: 24 ms at 100k x 384 (measured-facts.md), over the 10 ms budget, while
``IndexHNSWFlat`` (M=32) answers in about 0.1-1 ms (benchmarks/bench_retrieval.py). Below
:data:`HNSW_THRESHOLD` chunks exact search is well within it (1.1 ms at 20k, 6.3 ms at 100k
with one thread on a loaded 2-core machine) and has no recall loss, so it is kept there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import faiss
import numpy as np

from m3agent.retrieval.threads import retrieval_threads

FaissKind = Literal["flat_ip", "hnsw_ip"]

#: From this many chunks on, the index is HNSW.
HNSW_THRESHOLD = 20_000
#: HNSW graph degree (FAISS default for IndexHNSWFlat; Malkov & Yashunin 2018 suggest 5-48).
HNSW_M = 32
#: Candidate list width while building (FAISS default 40 gives ~0.95 recall@10 at M=32).
HNSW_EF_CONSTRUCTION = 40
#: Candidate list width at query time, at least; raised to 2k for larger k. Measured at 100k x
#: 384 (M=32, efConstruction 40): recall@10 against exact search 1.00 at 0.9 ms on vectors
#: clustered like text embeddings; on uniformly random vectors, which have no neighbourhood
#: structure, 0.13 (0.59 at efSearch 512), a worst case real embeddings do not reach.
HNSW_EF_SEARCH = 64


def _set_threads(*, batch: bool) -> None:
    # OpenMP's thread count is process-wide: set before each call (it costs nothing); one thread
    # per query, all cores to build (measurements in m3agent.retrieval.threads).
    faiss.omp_set_num_threads(retrieval_threads(batch=batch))


def choose_kind(count: int, threshold: int | None = None) -> FaissKind:
    """Return the index kind for a corpus of ``count`` chunks.

    Args:
        count: The number of chunks.
        threshold: From this count on, HNSW; default :data:`HNSW_THRESHOLD` (read at call time).

    Returns:
        ``hnsw_ip`` or ``flat_ip``.
    """
    limit = HNSW_THRESHOLD if threshold is None else threshold
    return "hnsw_ip" if count >= limit else "flat_ip"


def build(vectors: np.ndarray, kind: FaissKind) -> faiss.Index:
    """Build an index of the given kind over unit vectors (row i gets id i).

    Args:
        vectors: float32 (n, d).
        kind: ``flat_ip`` or ``hnsw_ip``.

    Returns:
        The FAISS index.
    """
    _set_threads(batch=True)
    dimension = vectors.shape[1]
    if kind == "hnsw_ip":
        index = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    else:
        index = faiss.IndexFlatIP(dimension)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def kind_of(index: faiss.Index) -> FaissKind | None:
    """Return the kind of a loaded index, or None if it is neither of ours."""
    if isinstance(index, faiss.IndexHNSWFlat):
        return "hnsw_ip" if index.metric_type == faiss.METRIC_INNER_PRODUCT else None
    if isinstance(index, faiss.IndexFlatIP):
        return "flat_ip"
    return None


def save(index: faiss.Index, path: Path) -> None:
    """Write an index to a file."""
    faiss.write_index(index, str(path))


def load(path: Path) -> faiss.Index:
    """Read an index file (FAISS raises RuntimeError on a damaged one).

    ``read_index`` already returns the concrete class; wrapping it in ``downcast_index`` would
    free the index twice (a segfault with faiss-cpu 1.15).
    """
    return faiss.read_index(str(path))


def all_vectors(index: faiss.Index) -> np.ndarray:
    """Return every stored vector, row i = id i (both kinds keep full vectors)."""
    if index.ntotal == 0:
        return np.zeros((0, index.d), dtype=np.float32)
    return index.reconstruct_n(0, index.ntotal)


def search(index: faiss.Index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the k rows nearest to one unit query vector, best first.

    Args:
        index: The FAISS index.
        query: float32 (d,).
        k: The most rows to return.

    Returns:
        (rows, scores): int64 and float32 arrays (cosine similarities).
    """
    k = min(k, index.ntotal)
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    _set_threads(batch=False)
    matrix = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    if isinstance(index, faiss.IndexHNSWFlat):
        # Per-call parameters, not index.hnsw.efSearch: concurrent searches must not race.
        params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, 2 * k))
        scores, rows = index.search(matrix, k, params=params)
    else:
        scores, rows = index.search(matrix, k)
    keep = rows[0] >= 0
    return rows[0][keep].astype(np.int64), scores[0][keep].astype(np.float32)
