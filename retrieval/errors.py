"""Errors of the retrieval layer, all subclasses of :class:`m3agent.tools.errors.M3AgentError`."""

from __future__ import annotations

from m3agent.tools.errors import M3AgentError, NotFoundError


class RetrievalError(M3AgentError):
    """Base of every retrieval problem: documents, indexes, queries."""

    code = "retrieval"


class DocumentError(RetrievalError):
    """A document could not be read or parsed; the message names the file.

    Args:
        message: What was expected and what was found.
        path: The file that failed, when the document came from a file.
        hint: What to do about it.
    """

    code = "document"

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.path = path


class IndexCorruptError(RetrievalError):
    """An index on disk is damaged or does not match this process; it is never used."""

    code = "index_corrupt"


class IndexMismatchError(IndexCorruptError):
    """An index was built with another embedding model, dimension or format version."""

    code = "index_mismatch"


class IndexNotFoundError(NotFoundError, RetrievalError):
    """No index exists at the given path or under the given name."""

    code = "index_not_found"


class EmptyIndexError(RetrievalError):
    """An index would hold no chunks: nothing to search."""

    code = "index_empty"


class QueryError(RetrievalError):
    """A search request is unusable: an empty query, a bad ``k`` or an unknown mode."""

    code = "query"
