"""Build a database file atomically: into a temporary file beside it, renamed at the end.

An interrupted build (an exception, Ctrl-C, or kill -9) never leaves a half-written database
under the real name. Ctrl-C and exceptions remove the temporary file at once; after a kill -9
the next build removes the orphan (its owning process is gone).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

_TMP_TAG = ".building-"


def temp_path_for(db_path: Path) -> Path:
    """The temporary file a build of ``db_path`` writes to (tagged with this process id)."""
    return db_path.with_name(f"{db_path.name}{_TMP_TAG}{os.getpid()}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphans(db_path: Path) -> list[Path]:
    """Delete temporary files of earlier builds of ``db_path`` whose process has died."""
    removed = []
    for p in db_path.parent.glob(f"{db_path.name}{_TMP_TAG}*"):
        pid_text = p.name.rsplit(_TMP_TAG, 1)[-1].split(".", 1)[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            for q in (p, p.with_name(p.name + ".wal")):
                with contextlib.suppress(FileNotFoundError):
                    q.unlink()
            removed.append(p)
    return removed


@contextlib.contextmanager
def atomic_database(db_path: Path) -> Iterator[Path]:
    """Yield a temporary path to build into; on success rename it over ``db_path``.

    The caller must close every connection to the temporary file before the block ends. On any
    exception (``KeyboardInterrupt`` included) the temporary file is deleted and ``db_path`` is
    left exactly as it was.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_orphans(db_path)
    tmp = temp_path_for(db_path)
    for q in (tmp, tmp.with_name(tmp.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            q.unlink()
    try:
        yield tmp
        os.replace(tmp, db_path)
        with contextlib.suppress(FileNotFoundError):
            db_path.with_name(db_path.name + ".wal").unlink()
    except BaseException:
        for q in (tmp, tmp.with_name(tmp.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                q.unlink()
        raise
