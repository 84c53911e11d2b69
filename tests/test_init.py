"""``m3-agent init``: local folder, HTTP download, checksums, missing tables, interruptions."""

from __future__ import annotations

import hashlib
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from m3agent.tools.errors import DataLoadError
from m3agent.tools.loaders.download import download_dataset
from m3agent.tools.loaders.init import InitProgress, init_dataset
from m3agent.tools.sql.guard import open_guarded

from conftest import DEMO_DIR, SHARED_DATA


class _RangeHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that honours single 'bytes=N-' ranges (like PhysioNet's)."""

    def log_message(self, *args):  # keep test output clean
        pass

    def send_head(self):
        rng = self.headers.get("Range")
        path = Path(self.translate_path(self.path))
        if not rng or not path.is_file():
            return super().send_head()
        start = int(rng.split("=")[1].split("-")[0])
        size = path.stat().st_size
        if start >= size:
            self.send_response(416)
            self.end_headers()
            return None
        f = path.open("rb")
        f.seek(start)
        self.send_response(206)
        self.send_header("Content-Length", str(size - start))
        self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        self.end_headers()
        return f


@pytest.fixture(scope="module")
def http_base():
    handler = partial(_RangeHandler, directory=str(SHARED_DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/mimic-iv-demo-2.2/"
    server.shutdown()


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_local_folder_build_and_idempotent_rerun(demo_db, tmp_path):
    con = open_guarded(demo_db)  # the same configuration as the other tests' engine
    try:
        assert con.execute("SELECT count(*) FROM mimiciv_hosp.patients").fetchone()[0] == 100
        assert con.execute("SELECT count(*) FROM mimiciv_icu.chartevents").fetchone()[0] == 668862
        types = dict(con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema='mimiciv_hosp' AND table_name='admissions'").fetchall())
        assert types["admittime"] == "TIMESTAMP" and types["hadm_id"] == "BIGINT"
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE "
            "table_name='procedureevents'").fetchall()]
        assert "originalamount" in cols and "ORIGINALAMOUNT" not in cols
        chart_types = dict(con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name='chartevents'").fetchall())
        assert chart_types["value"] == "VARCHAR" and chart_types["storetime"] == "TIMESTAMP"
    finally:
        con.close()
    before = _sha(demo_db)
    report = init_dataset("mimic-iv-demo", source=str(DEMO_DIR), db_path=demo_db)
    assert report.up_to_date and _sha(demo_db) == before


def test_checksum_mismatch_is_a_warning_naming_the_file(demo_db):
    from m3agent.tools.loaders.report import read_build_info

    info = read_build_info(demo_db)
    assert [i.file for i in info.checksum_issues] == ["icu/chartevents.csv.gz"]
    assert info.checksum_issues[0].status == "differs"
    assert len(info.tables) == 31


def test_missing_table_is_a_warning_not_an_abort(tmp_path):
    src = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, src)
    (src / "hosp" / "omr.csv.gz").unlink()
    db = tmp_path / "x.duckdb"
    report = init_dataset("mimic-iv-demo", source=str(src), db_path=db)
    issues = {i.file: i.status for i in report.checksum_issues}
    assert issues["hosp/omr.csv.gz"] == "missing"
    assert len(report.tables) == 30


def test_download_from_local_http_server(http_base, tmp_path, monkeypatch):
    monkeypatch.setenv("M3AGENT_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "dl.duckdb"
    report = init_dataset("mimic-iv-demo", source=http_base, db_path=db)
    assert len(report.tables) == 31
    dl = tmp_path / "data" / "downloads" / "mimic-iv-demo"
    assert _sha(dl / "hosp" / "patients.csv.gz") == _sha(DEMO_DIR / "hosp" / "patients.csv.gz")
    assert [i.file for i in report.checksum_issues] == ["icu/chartevents.csv.gz"]


def test_interrupted_download_resumes(http_base, tmp_path):
    dest = tmp_path / "dl"
    target = dest / "hosp" / "admissions.csv.gz"
    target.parent.mkdir(parents=True)
    full = (DEMO_DIR / "hosp" / "admissions.csv.gz").read_bytes()
    target.with_name(target.name + ".part").write_bytes(full[:1000])
    seen: list[int] = []
    download_dataset(http_base, dest,
                     progress=lambda f, done, total: seen.append(done) if "admissions" in f
                     else None)
    assert target.read_bytes() == full
    assert seen and seen[0] > 1000, "the download resumed from the partial file"
    assert not list(dest.rglob("*.part"))


def test_unreachable_url_is_a_clear_error(tmp_path):
    with pytest.raises(DataLoadError) as info:
        download_dataset("http://127.0.0.1:9/nothing/", tmp_path / "x", timeout=2)
    assert "127.0.0.1:9" in info.value.message


class _Boom(InitProgress):
    def table_done(self, table, rows, seconds):
        if table.endswith("labevents"):
            raise KeyboardInterrupt


def test_ctrl_c_leaves_previous_database_intact(demo_db, tmp_path):
    db = tmp_path / "keep.duckdb"
    shutil.copy(demo_db, db)
    before = _sha(db)
    with pytest.raises(KeyboardInterrupt):
        init_dataset("mimic-iv-demo", source=str(DEMO_DIR), db_path=db, force=True,
                     progress=_Boom())
    assert _sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) in (
        ["keep.duckdb"], ["keep.duckdb", "keep.duckdb.build.json"])


def test_kill_9_leaves_previous_database_intact(demo_db, tmp_path):
    db = tmp_path / "keep.duckdb"
    shutil.copy(demo_db, db)
    before = _sha(db)
    code = ("from m3agent.tools.loaders.init import init_dataset; "
            f"init_dataset('mimic-iv-demo', source={str(DEMO_DIR)!r}, db_path={str(db)!r}, "
            "force=True)")
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.time() + 60
    while time.time() < deadline and not list(tmp_path.glob("keep.duckdb.building-*")):
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _sha(db) == before
    # The next build removes the orphan of the killed one and succeeds.
    init_dataset("mimic-iv-demo", source=str(DEMO_DIR), db_path=db, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) in (
        ["keep.duckdb"], ["keep.duckdb", "keep.duckdb.build.json"])


def test_bad_sources(tmp_path):
    with pytest.raises(DataLoadError, match="does not exist"):
        init_dataset("mimic-iv-demo", source=str(tmp_path / "nope"), db_path=tmp_path / "a.db")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataLoadError, match="No MIMIC-IV files"):
        init_dataset("mimic-iv-demo", source=str(tmp_path / "empty"), db_path=tmp_path / "a.db")
    with pytest.raises(DataLoadError, match="credentialed"):
        init_dataset("mimic-iv", db_path=tmp_path / "b.db")
    assert not (tmp_path / "a.db").exists()
