"""``m3-agent init``: get a dataset into its DuckDB database, atomically and idempotently."""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from pathlib import Path

import duckdb

from m3agent.tools.datasets import DEMO_URL, DatasetSpec, data_dir, default_db_path, get_dataset
from m3agent.tools.errors import DataLoadError
from m3agent.tools.loaders import checksums, mimic
from m3agent.tools.loaders.atomic import atomic_database
from m3agent.tools.loaders.download import download_dataset
from m3agent.tools.loaders.report import (
    BUILD_FORMAT,
    BuildReport,
    TableReport,
    read_build_info,
    sidecar_path,
    write_build_info,
    write_sidecar,
)

#: Environment variables that point a dataset at a local copy (used by `make demo` and tests).
SOURCE_ENV = {"mimic-iv-demo": "M3AGENT_DEMO_SOURCE", "mimic-iv": "M3AGENT_MIMIC_IV_SOURCE",
              "ehrsql": "M3AGENT_EHRSQL_SOURCE"}


class InitProgress:
    """Callbacks for progress display; the CLI subclasses it with rich progress bars."""

    def download(self, file: str, done: int, total: int | None) -> None:
        """Bytes of ``file`` arrived."""

    def table_started(self, table: str, index: int, total: int) -> None:
        """Loading ``table`` begins (``index`` of ``total``)."""

    def table_done(self, table: str, rows: int, seconds: float) -> None:
        """``table`` is loaded."""

    def message(self, text: str) -> None:
        """A status line (verifying checksums, renaming...)."""


def resolve_source(spec: DatasetSpec, source: str | None,
                   progress: InitProgress) -> tuple[Path, str]:
    """Turn ``--source`` (a folder, a URL, a .zip or .sqlite file, or nothing) into a local path.

    Returns:
        The local path to load from, and a description of where it came from.

    Raises:
        DataLoadError: When the source does not exist or is of the wrong kind.
    """
    source = source or os.environ.get(SOURCE_ENV[spec.name])
    if source is None:
        if spec.name == "mimic-iv-demo":
            source = DEMO_URL
        elif spec.name == "mimic-iv":
            raise DataLoadError(
                "MIMIC-IV (full) is credentialed: no public download. Expected --source DIR "
                "pointing at your local copy (with hosp/ and icu/), found none.",
                hint="Download it from PhysioNet after credentialing, then run "
                     "`m3-agent init --dataset mimic-iv --source /path/to/mimiciv/3.1`.")
        else:
            raise DataLoadError(
                "The EHRSQL database is built from MIMIC-IV by the EHRSQL repository's "
                "preprocessing; expected --source pointing at mimic_iv.sqlite, found none.",
                hint="`m3-agent init --dataset ehrsql --source path/to/mimic_iv.sqlite`.")
    if source.startswith(("http://", "https://")):
        if spec.name == "ehrsql":
            raise DataLoadError("The ehrsql dataset loads from a local mimic_iv.sqlite file, "
                                f"found a URL {source!r}.")
        dest = data_dir() / "downloads" / spec.name
        progress.message(f"Downloading {source} into {dest}")
        download_dataset(source, dest, progress=progress.download)
        return dest, source
    path = Path(source).expanduser()
    if not path.exists():
        raise DataLoadError(f"Source {path} does not exist; expected a folder, a .zip, "
                            f"a .sqlite file or an http(s) URL.")
    if spec.name == "ehrsql":
        if path.is_dir():
            path = path / "mimic_iv.sqlite"
        if not path.is_file() or path.suffix not in (".sqlite", ".db", ".sqlite3"):
            raise DataLoadError(f"Expected the EHRSQL SQLite database (mimic_iv.sqlite), "
                                f"found {path}.")
        return path, str(path)
    if path.is_file() and path.suffix == ".zip":
        dest = data_dir() / "downloads" / f"{spec.name}-zip"
        progress.message(f"Extracting {path} into {dest}")
        try:
            with zipfile.ZipFile(path) as z:
                z.extractall(dest)
        except zipfile.BadZipFile as e:
            raise DataLoadError(f"{path} is not a valid zip file: {e}") from e
        candidates = [p.parent for p in dest.rglob("hosp") if p.is_dir()]
        if not candidates:
            raise DataLoadError(f"{path} holds no hosp/ folder; expected the PhysioNet layout.")
        return candidates[0], str(path)
    if not path.is_dir():
        raise DataLoadError(f"Expected a folder with hosp/ and icu/, a .zip or a URL, "
                            f"found the file {path}.")
    return path, str(path)


def fingerprint(spec: DatasetSpec, files: list[Path], root: Path) -> str:
    """A hash of what a build depends on: dataset, build format, and each file's size and mtime."""
    h = hashlib.sha256(f"{spec.name}|{BUILD_FORMAT}".encode())
    for p in sorted(files):
        st = p.stat()
        rel = p.relative_to(root) if p.is_relative_to(root) else p
        h.update(f"|{rel}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _missing_tables(spec: DatasetSpec, triples: list[tuple[str, str, Path]],
                    report: BuildReport) -> list[checksums.ChecksumIssue]:
    """Tables the dataset should have but the source lacks (warned, never fatal)."""
    have = {(s, t) for s, t, _ in triples}
    known = {i.file for i in report.checksum_issues}
    out = []
    for module, schema in spec.module_schemas.items():
        for table in spec.schemas[schema]:
            rel = f"{module}/{table}.csv.gz"
            if (schema, table) not in have and rel not in known:
                out.append(checksums.ChecksumIssue(file=rel, status="missing"))
    return out


def _configure_build(con: duckdb.DuckDBPyConnection, tmp_dir: Path) -> None:
    con.execute("SET threads = ?", [max(1, min(os.cpu_count() or 1, 4))])
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET temp_directory = ?", [str(tmp_dir)])


def init_dataset(
    dataset: str = "mimic-iv-demo",
    *,
    source: str | None = None,
    db_path: Path | None = None,
    force: bool = False,
    progress: InitProgress | None = None,
) -> BuildReport:
    """Build (or confirm up to date) the database of ``dataset``.

    Args:
        dataset: ``mimic-iv-demo``, ``mimic-iv`` or ``ehrsql``.
        source: A local folder, .zip, .sqlite file or URL; default from the environment
            (``M3AGENT_DEMO_SOURCE``...) or PhysioNet for the demo.
        db_path: Where the database goes (default: :func:`default_db_path`).
        force: Rebuild even when the database is up to date.
        progress: Progress callbacks.

    Returns:
        The build report (``up_to_date=True`` when nothing had to be done).

    Raises:
        DataLoadError: When the source is missing or a file cannot be loaded; the previous
            database, if any, is left intact.
    """
    spec = get_dataset(dataset)
    progress = progress or InitProgress()
    db = Path(db_path) if db_path else default_db_path(dataset)
    t0 = time.perf_counter()
    local, described = resolve_source(spec, source, progress)

    if spec.name == "ehrsql":
        files = [local]
        fp = fingerprint(spec, files, local.parent)
    else:
        triples = mimic.source_files(local, spec)
        files = [p for _, _, p in triples]
        fp = fingerprint(spec, files, local)

    previous = read_build_info(db)
    if previous and previous.fingerprint == fp and not force:
        return previous.model_copy(update={"up_to_date": True, "seconds": 0.0})

    report = BuildReport(dataset=spec.name, db_path=str(db), source=described, fingerprint=fp)
    # The old sidecar goes first: until the new one is written, readers fall back to the
    # report inside whichever database file is in place.
    sidecar_path(db).unlink(missing_ok=True)
    with atomic_database(db) as tmp:
        if spec.name == "ehrsql":
            from m3agent.tools.loaders.ehrsql import build_ehrsql_database

            progress.table_started("ehrsql", 0, 1)
            counts = build_ehrsql_database(local, tmp, on_table=progress.table_done)
            report.tables = [TableReport(table=f"main.{t}", rows=n, seconds=0.0)
                             for t, n in counts.items()]
            con = duckdb.connect(str(tmp))
        else:
            con = duckdb.connect(str(tmp))
            try:
                _configure_build(con, db.parent)
                report.tables = mimic.build_mimic_database(
                    con, triples, on_start=progress.table_started, on_table=progress.table_done)
                sums_path = local / "SHA256SUMS.txt"
                if sums_path.exists():
                    progress.message("Verifying checksums against SHA256SUMS.txt")
                    rels = [str(p.relative_to(local)) for p in files]
                    report.checksum_issues = checksums.verify(
                        local, rels, checksums.parse_sums(sums_path))
                report.checksum_issues += _missing_tables(spec, triples, report)
            except BaseException:
                con.close()
                raise
        try:
            report.seconds = round(time.perf_counter() - t0, 3)
            write_build_info(con, report)
            con.execute("CHECKPOINT")
        finally:
            con.close()
    write_sidecar(db, report)
    return report
