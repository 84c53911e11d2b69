"""Download a PhysioNet dataset folder (``SHA256SUMS.txt`` names every file to fetch).

Each file is written to ``<name>.part`` and renamed when complete, so an interrupted download
never leaves a truncated file under the real name. A later run resumes a ``.part`` file with an
HTTP Range request, or restarts it cleanly when the server ignores the range.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import httpx

from m3agent.tools.errors import DataLoadError
from m3agent.tools.loaders.checksums import parse_sums

#: progress(file, bytes_done, bytes_total or None)
Progress = Callable[[str, int, int | None], None]


def _fetch(client: httpx.Client, url: str, dest: Path, progress: Progress | None,
           label: str) -> None:
    part = dest.with_name(dest.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        with client.stream("GET", url, headers=headers) as r:
            if r.status_code == 416:  # the .part is already complete
                os.replace(part, dest)
                return
            if r.status_code not in (200, 206):
                raise DataLoadError(f"Download of {url} failed: HTTP {r.status_code} "
                                    f"(expected 200 or 206).",
                                    hint="Check the URL or pass --source with a local copy.")
            mode = "ab" if r.status_code == 206 and have else "wb"
            done = have if mode == "ab" else 0
            length = r.headers.get("content-length")
            total = done + int(length) if length else None
            with part.open(mode) as f:
                for chunk in r.iter_bytes(1 << 16):
                    f.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(label, done, total)
                f.flush()
                os.fsync(f.fileno())
    except httpx.HTTPError as e:
        raise DataLoadError(f"Download of {url} failed: {e}. The partial file is kept and the "
                            f"next run resumes it.",
                            hint="Check the network, or pass --source with a local copy.") from e
    os.replace(part, dest)


def download_dataset(base_url: str, dest: Path, *, progress: Progress | None = None,
                     timeout: float = 60.0) -> Path:
    """Download every ``*.csv.gz`` listed in ``<base_url>/SHA256SUMS.txt`` into ``dest``.

    Files already present are complete (a download only gets its real name when it finished)
    and are not fetched again; checksums are verified by the loader, which warns on a mismatch.

    Args:
        base_url: The dataset folder URL (``https://physionet.org/files/mimic-iv-demo/2.2/``).
        dest: The local folder to fill (created if needed).
        progress: Called as bytes arrive.
        timeout: Seconds before a stalled connection fails.

    Returns:
        ``dest``, now holding ``SHA256SUMS.txt``, ``hosp/`` and ``icu/``.

    Raises:
        DataLoadError: On an HTTP error or an unreachable server, naming the URL.
    """
    base = base_url if base_url.endswith("/") else base_url + "/"
    dest.mkdir(parents=True, exist_ok=True)
    with httpx.Client(timeout=timeout, follow_redirects=True,
                      headers={"User-Agent": "m3-agent"}) as client:
        _fetch(client, base + "SHA256SUMS.txt", dest / "SHA256SUMS.txt", None, "SHA256SUMS.txt")
        sums = parse_sums(dest / "SHA256SUMS.txt")
        wanted = [rel for rel in sums if rel.endswith(".csv.gz")
                  and rel.split("/", 1)[0] in ("hosp", "icu")]
        if not wanted:
            raise DataLoadError(f"{base}SHA256SUMS.txt lists no hosp/ or icu/ *.csv.gz files.")
        for rel in wanted:
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():  # only complete downloads get the real name
                continue
            _fetch(client, base + rel, target, progress, rel)
    return dest
