"""Lexical search: a small English tokenizer and a bm25s index over chunk texts."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_EN

#: Letters and digits; underscores split, so ``subject_id`` matches "subject id".
_TOKEN = re.compile(r"[^\W_]+")
#: The English stop words of bm25s (the Lucene/Elasticsearch English list, 33 words).
STOPWORDS: frozenset[str] = frozenset(STOPWORDS_EN)


@functools.lru_cache(maxsize=1 << 17)  # a corpus repeats few distinct words very often
def s_stem(word: str) -> str:
    """Strip English plural endings: Harman's S-stemmer.

    Harman D. "How effective is suffixing?" J Am Soc Inf Sci 1991;42(1):7-15. It conflates
    singular and plural ("infections" -> "infection", "therapies" -> "therapy") and nothing
    else, which keeps drug names and abbreviations intact. One addition for clinical text:
    words in ``-is`` (sepsis, diagnosis, pancreatitis) are singular and kept whole, as Harman's
    rule already keeps ``-us`` and ``-ss``.

    Args:
        word: A lower-case token.

    Returns:
        The stem.
    """
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Lower-case, split into letter/digit runs, drop stop words, stem plurals.

    Args:
        text: Any text.

    Returns:
        The tokens, in order.
    """
    return [s_stem(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


class LexicalIndex:
    """BM25 (Lucene variant, k1=1.5, b=0.75: the bm25s defaults) over a fixed list of texts."""

    def __init__(self, bm25: bm25s.BM25) -> None:
        self._bm25 = bm25

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        """Index texts; row i of the index is texts[i].

        Args:
            texts: The texts (at least one).

        Returns:
            The index.
        """
        bm25 = bm25s.BM25()
        bm25.index([tokenize(t) for t in texts], show_progress=False)
        return cls(bm25)

    @property
    def size(self) -> int:
        """How many texts the index holds."""
        return int(self._bm25.scores["num_docs"])

    def save(self, folder: Path) -> None:
        """Write the index files into a folder."""
        self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read an index written by :meth:`save`."""
        return cls(bm25s.BM25.load(str(folder), show_progress=False))

    def search(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the rows with a positive BM25 score, best first, at most k.

        Args:
            query: The query text.
            k: The most rows to return.

        Returns:
            (rows, scores): int64 and float32 arrays of equal length.
        """
        vocab = self._bm25.vocab_dict
        ids = [vocab[t] for t in tokenize(query) if t in vocab]
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores = self._bm25.get_scores_from_ids(ids)
        k = min(k, scores.shape[0])
        top = np.argpartition(-scores, k - 1)[:k] if k < scores.shape[0] else np.arange(k)
        top = top[scores[top] > 0]
        # Best first; equal scores in index order so results are deterministic.
        order = np.lexsort((top, -scores[top]))
        top = top[order]
        return top.astype(np.int64), scores[top].astype(np.float32)
