"""SHA256SUMS.txt verification: problems are warnings naming the file, never an abort."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from m3agent.tools.errors import DataLoadError


class ChecksumIssue(BaseModel):
    """One file whose checksum could not be confirmed.

    Attributes:
        file: Path relative to the dataset folder (``icu/chartevents.csv.gz``).
        status: ``differs`` (content changed), ``missing`` (listed but absent) or
            ``unlisted`` (present and loaded but not in SHA256SUMS.txt).
        expected: The listed sha256, if any.
        found: The computed sha256, if the file exists.
    """

    file: str
    status: Literal["differs", "missing", "unlisted"]
    expected: str | None = None
    found: str | None = None

    def message(self) -> str:
        """A one-line warning for people."""
        return {
            "differs": f"{self.file}: checksum differs from SHA256SUMS.txt "
                       f"(expected {self.expected}, found {self.found})",
            "missing": f"{self.file}: listed in SHA256SUMS.txt but not present",
            "unlisted": f"{self.file}: not listed in SHA256SUMS.txt (not verified)",
        }[self.status]


def parse_sums(path: Path) -> dict[str, str]:
    """Read ``SHA256SUMS.txt`` into {relative path: sha256}.

    Raises:
        DataLoadError: On a line that is not ``<64 hex> <path>``.
    """
    sums: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split(maxsplit=1)
        if len(parts) != 2 or len(parts[0]) != 64:
            raise DataLoadError(f"{path}:{n}: expected '<sha256> <file>', found {line[:80]!r}")
        sums[parts[1].strip().lstrip("*").lstrip("./")] = parts[0].lower()
    return sums


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """The sha256 hex digest of a file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def verify(root: Path, files: list[str], sums: dict[str, str] | None) -> list[ChecksumIssue]:
    """Check each of ``files`` (relative to ``root``) against ``sums``.

    Files listed in ``sums`` under ``hosp/`` or ``icu/`` but absent are reported ``missing``.
    """
    if sums is None:
        return []
    issues: list[ChecksumIssue] = []
    for rel in files:
        expected = sums.get(rel)
        if expected is None:
            issues.append(ChecksumIssue(file=rel, status="unlisted"))
            continue
        found = sha256_file(root / rel)
        if found != expected:
            issues.append(ChecksumIssue(file=rel, status="differs", expected=expected, found=found))
    for rel, expected in sorted(sums.items()):
        if rel.endswith(".csv.gz") and rel not in files and not (root / rel).exists():
            issues.append(ChecksumIssue(file=rel, status="missing", expected=expected))
    return issues
