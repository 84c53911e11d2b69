"""The real all-MiniLM-L6-v2 embedder, loaded offline once per session, end to end."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from m3agent.retrieval.documents import load_documents
from m3agent.retrieval.embedding import (
    MODEL_DIMENSION,
    MODEL_NAME,
    Embedder,
    HashingEmbedder,
    default_embedder,
    load_model,
    normalise,
)
from m3agent.retrieval.index import HybridIndex
from m3agent.retrieval.threads import THREADS_ENV, retrieval_threads
from m3agent.tools.errors import ConfigError

from conftest import FIXTURES

GUIDES = FIXTURES / "retrieval" / "guides"


@pytest.fixture(scope="session")
def minilm_index(tmp_path_factory: pytest.TempPathFactory) -> HybridIndex:
    folder = tmp_path_factory.mktemp("minilm") / "guides"
    return HybridIndex.build(folder, load_documents([GUIDES]).documents)


def test_model_loads_offline_once_and_embeds_unit_vectors() -> None:
    model = load_model()
    assert load_model() is model  # cached: one load per process
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    embedder = default_embedder()
    assert default_embedder() is embedder
    assert isinstance(embedder, Embedder)
    assert (embedder.model_name, embedder.dimension) == (MODEL_NAME, MODEL_DIMENSION)
    assert model.get_embedding_dimension() == MODEL_DIMENSION
    vectors = embedder.embed(["septic shock", "low blood pressure from infection", "tax law"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Semantics, not words: the paraphrase is closer than the unrelated text.
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert embedder.embed([]).shape == (0, 384)


def test_dense_search_finds_paraphrases_with_no_shared_words(minilm_index: HybridIndex) -> None:
    assert minilm_index.manifest.model == MODEL_NAME
    assert minilm_index.manifest.dimension == MODEL_DIMENSION
    hit = minilm_index.search("drug to raise BP in shock", k=1, mode="dense")[0]
    assert hit.chunk.section == ["Resuscitation", "Vasopressors"]
    # BM25 finds nothing: no query word occurs in the corpus.
    assert minilm_index.search("drug to raise BP in shock", k=3, mode="bm25") == []
    hybrid = minilm_index.search("blood thinner dosing by weight", k=1)[0]
    assert hybrid.chunk.title == "Heparin infusion protocol"


def test_reopened_index_uses_the_default_embedder(minilm_index: HybridIndex) -> None:
    reopened = HybridIndex.open(minilm_index.path)
    query = "lung protective ventilation tidal volume"
    assert reopened.search(query, 3) == minilm_index.search(query, 3)
    assert reopened.search(query, 1)[0].chunk.title == "ARDS ventilation"


def test_hashing_embedder_is_deterministic_and_validates(tmp_path: Path) -> None:
    embedder = HashingEmbedder(dimension=16)
    a = embedder.embed(["Sepsis bundle", "sepsis BUNDLE"])
    assert np.array_equal(a[0], a[1])
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert embedder.embed([""]).tolist() == [[0.0] * 16]
    with pytest.raises(ValueError, match="at least 1"):
        HashingEmbedder(dimension=0)
    zeros = normalise(np.zeros((2, 3)))
    assert zeros.dtype == np.float32 and not zeros.any()


def test_retrieval_threads_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert retrieval_threads() == 1
    assert retrieval_threads(batch=True) == (os.cpu_count() or 1)
    monkeypatch.setenv(THREADS_ENV, "3")
    assert retrieval_threads() == retrieval_threads(batch=True) == 3
    for bad in ("0", "-1", "two", "1.5"):
        monkeypatch.setenv(THREADS_ENV, bad)
        with pytest.raises(ConfigError, match="positive integer"):
            retrieval_threads()


def test_embedding_sets_torch_threads_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.delenv(THREADS_ENV, raising=False)
    embedder = default_embedder()
    embedder.embed(["one query"])
    assert torch.get_num_threads() == 1
    embedder.embed(["text"] * 16)
    assert torch.get_num_threads() == (os.cpu_count() or 1)
