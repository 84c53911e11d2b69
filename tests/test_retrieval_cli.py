"""``m3-agent index``: build, update, list, search, show, and errors, through the Typer app."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from m3agent.retrieval.cli import app

from conftest import FIXTURES

GUIDES = FIXTURES / "retrieval" / "guides"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "indexes"
    monkeypatch.setenv("M3AGENT_INDEX_DIR", str(folder))
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(GUIDES, folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_build_list_search_show_update(root: Path, corpus: Path) -> None:
    code, _, err = run("build", "guides", str(corpus), "--chunk-size", "400", "--overlap", "40")
    assert code == 0, err
    assert "4 document(s)" in err and "1 file(s) skipped" in err
    assert "broken.pdf" in err and "cannot parse" in err
    manifest = json.loads((root / "guides" / "manifest.json").read_text())
    assert manifest["chunking"] == {"chunk_size": 400, "overlap": 40}
    assert manifest["sources"] == [str(corpus.resolve())]

    code, out, _ = run("list", "--json")
    assert code == 0
    (row,) = json.loads(out)
    assert row["name"] == "guides" and row["status"] == "ok" and row["documents"] == 4
    code, out, _ = run("list")
    assert code == 0 and "guides" in out and "flat_ip" in out

    code, out, _ = run("search", "guides", "heparin bolus dose", "--k", "2", "--json")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 2 and hits[0]["rank"] == 1
    assert hits[0]["chunk"]["title"] == "Heparin infusion protocol"
    assert set(hits[0]["scores"]) >= {"hybrid"}
    code, out, _ = run("search", "guides", "prone positioning", "--mode", "bm25")
    assert code == 0 and "ARDS ventilation" in out and "Prone positioning" in out

    sepsis = str((corpus / "sepsis.md").resolve())
    code, out, _ = run("show", "guides", sepsis, "--section", "Fluids")
    assert code == 0 and out.startswith("## Fluids") and "Antibiotics" not in out
    code, out, _ = run("show", "guides", sepsis, "--json")
    assert json.loads(out)["title"] == "Sepsis bundle"

    (corpus / "heparin.txt").write_text("Heparin protocol\n\nNew aPTT targets.\n")
    (corpus / "ards.html").unlink()
    (corpus / "insulin.md").write_text("# Insulin\n\nSliding scale.\n")
    code, _, err = run("update", "guides")
    assert code == 0, err
    assert "1 added, 1 changed, 1 removed, 2 unchanged" in err
    code, _, err = run("update", "guides")
    assert code == 0 and "up to date" in err
    code, out, _ = run("search", "guides", "sliding scale insulin", "--k", "1", "--json")
    assert json.loads(out)[0]["chunk"]["title"] == "Insulin"


def test_errors_are_one_clear_line_and_nonzero(root: Path, corpus: Path) -> None:
    code, _, err = run("search", "nothing", "query")
    assert code == 1 and "no index at" in err and "hint:" in err
    code, _, err = run("build", "../escape", str(corpus))
    assert code == 1 and "invalid index name" in err
    code, _, err = run("build", "x", str(corpus / "missing"))
    assert code == 1 and "expected an existing file or folder" in err
    code, _, err = run("build", "x", str(corpus), "--chunk-size", "400", "--overlap", "300")
    assert code == 2 and "overlap must be at most half of chunk_size (200)" in err
    code, _, err = run("build", "x", str(corpus / "broken.pdf"))
    assert code == 1 and "1 file(s) that could not be read" in err and "gave no text" in err
    code, _, err = run("search", "x", "q", "--mode", "fuzzy")
    assert code == 2 and "fuzzy" in err
    assert not (root / "x").exists()


def test_search_and_list_report_damage(root: Path, corpus: Path) -> None:
    assert run("build", "guides", str(corpus / "heparin.txt"))[0] == 0
    code, _, err = run("search", "guides", "   ")
    assert code == 1 and "non-empty query" in err
    (root / "guides" / "vectors.faiss").write_bytes(b"truncated")
    code, _, err = run("search", "guides", "heparin")
    assert code == 1 and "vectors.faiss has 9 bytes" in err
    code, out, _ = run("list", "--json")
    (row,) = json.loads(out)
    assert row["status"].startswith("damaged:")
    code, _, err = run("update", "guides")
    assert code == 1 and "vectors.faiss" in err


def test_update_refuses_api_built_index(root: Path) -> None:
    from m3agent.retrieval.documents import Document
    from m3agent.retrieval.index import HybridIndex

    doc = Document(doc_id="a", title="A", text="alpha beta", source="mem")
    HybridIndex.build(root / "api", [doc])
    code, _, err = run("update", "api")
    assert code == 1 and "records no source files" in err


def test_list_with_no_indexes(root: Path) -> None:
    code, _, err = run("list")
    assert code == 0 and "no indexes under" in err
    code, out, _ = run("list", "--json")
    assert json.loads(out) == []
