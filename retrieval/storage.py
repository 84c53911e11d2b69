"""Where indexes live on disk, and how an index folder is replaced atomically.

A new index (or a new version after an update) is written in full into a hidden temporary
folder beside the target, then swapped in with two renames: target -> hidden backup, temporary
-> target. Readers that already opened the old version keep using it (everything is loaded into
memory); a reader that opens during the microseconds between the renames waits briefly. If a
process dies between the renames, the backup is renamed back by the next writer. Writers take a
file lock beside the folder, so two builds or updates of one index never interleave.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import platformdirs
from filelock import FileLock, Timeout

from m3agent.retrieval.errors import RetrievalError
from m3agent.tools.errors import ConfigError

#: Environment variable that moves the folder holding named indexes.
INDEX_DIR_ENV = "M3AGENT_INDEX_DIR"
#: How long a writer waits for another writer of the same index.
LOCK_TIMEOUT_S = 120.0
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def index_root() -> Path:
    """Return the folder holding named indexes.

    ``M3AGENT_INDEX_DIR`` when set, else ``<user data dir>/m3-agent/indexes`` (platformdirs).

    Returns:
        The folder (not created here).

    Raises:
        ConfigError: If the environment variable is set but empty.
    """
    value = os.environ.get(INDEX_DIR_ENV)
    if value is not None:
        if not value.strip():
            raise ConfigError(
                f"{INDEX_DIR_ENV} is set but empty; expected a folder path",
                hint=f"Unset {INDEX_DIR_ENV} or point it at a folder.",
            )
        return Path(value).expanduser()
    return Path(platformdirs.user_data_dir("m3-agent")) / "indexes"


def check_name(name: str) -> str:
    """Check an index name: letters, digits, ``.``, ``_``, ``-``; 1-64 characters.

    Args:
        name: The name.

    Returns:
        The name.

    Raises:
        ConfigError: If it is not a valid name (this also keeps names from escaping the root).
    """
    if not _NAME.match(name) or name in (".", ".."):
        raise ConfigError(
            f"invalid index name {name!r}: expected 1-64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit",
            hint="For example: guidelines, mimic-schema, trials_2024.",
        )
    return name


def index_path(name: str) -> Path:
    """Return the folder of the index called ``name`` under :func:`index_root`."""
    return index_root() / check_name(name)


def _backups(target: Path) -> list[Path]:
    pattern = f".{target.name}.old-*"
    return sorted(target.parent.glob(pattern), key=lambda p: p.stat().st_mtime)


def restore_interrupted(target: Path) -> None:
    """Undo a swap a crashed writer left half done (call with the writer lock held).

    If the target is missing but a backup exists, the newest backup becomes the target again;
    stale temporary folders and other backups are removed.
    """
    backups = _backups(target) if target.parent.is_dir() else []
    if not target.exists() and backups:
        os.rename(backups.pop(), target)
    for stale in backups:
        shutil.rmtree(stale, ignore_errors=True)
    if target.parent.is_dir():
        for temp in target.parent.glob(f".{target.name}.tmp-*"):
            shutil.rmtree(temp, ignore_errors=True)


def wait_for_swap(target: Path, timeout_s: float = 2.0) -> bool:
    """Wait while a writer is between its two renames; return whether the target exists."""
    deadline = time.monotonic() + timeout_s
    while not target.exists():
        if not _backups(target) or time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@contextlib.contextmanager
def writer_lock(target: Path, timeout_s: float | None = None) -> Iterator[None]:
    """Hold the lock that serialises writers of one index folder.

    Args:
        target: The index folder.
        timeout_s: How long to wait; default :data:`LOCK_TIMEOUT_S` (read at call time).

    Raises:
        RetrievalError: If another process holds it longer than that.
    """
    timeout_s = LOCK_TIMEOUT_S if timeout_s is None else timeout_s
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(target.parent / f".{target.name}.lock"))
    try:
        with lock.acquire(timeout=timeout_s):
            yield
    except Timeout as exc:
        raise RetrievalError(
            f"index {target} is being written by another process (waited {timeout_s:.0f} s)",
            hint="Wait for the other build or update to finish, then retry.",
        ) from exc


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
        fd = os.open(path, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_folder(target: Path, fill: Callable[[Path], None]) -> None:
    """Write a new version of a folder and swap it in atomically (hold the writer lock).

    Args:
        target: The folder to create or replace.
        fill: Writes every file of the new version into the folder it is given.

    Raises:
        Exception: Whatever ``fill`` raises; the temporary folder is removed and the target is
            left exactly as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        fill(temp)
        _fsync_tree(temp)
        if target.exists():
            backup = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:12]}"
            os.rename(target, backup)
            try:
                os.rename(temp, target)
            except BaseException:
                os.rename(backup, target)
                raise
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.rename(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
