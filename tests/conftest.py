"""Shared pytest fixtures: where the reference data lives, and opt-in markers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("M3AGENT_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
DEMO_DIR = SHARED_DATA / "mimic-iv-demo-2.2"
EHRSQL_DIR = SHARED_DATA / "ehrsql-2024"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip real-model tests unless M3AGENT_RUN_MODEL_TESTS=1 opts in."""
    if os.environ.get("M3AGENT_RUN_MODEL_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="real model runs are opt-in: set M3AGENT_RUN_MODEL_TESTS=1")
    for item in items:
        if "model" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The read-only reference data folder (../shared/data)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"reference data not found at {SHARED_DATA}; set M3AGENT_SHARED_DATA")
    return SHARED_DATA


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real MIMIC-IV demo built once per test session with ``init`` from the local copy."""
    from m3agent.tools.loaders.init import init_dataset

    db = tmp_path_factory.mktemp("db") / "mimic-iv-demo.duckdb"
    init_dataset("mimic-iv-demo", source=str(DEMO_DIR), db_path=db)
    return db


@pytest.fixture(scope="session")
def ehrsql_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The EHRSQL database built once per test session from ``mimic_iv.sqlite``."""
    from m3agent.tools.loaders.init import init_dataset

    db = tmp_path_factory.mktemp("db") / "ehrsql.duckdb"
    init_dataset("ehrsql", source=str(EHRSQL_DIR / "mimic_iv.sqlite"), db_path=db)
    return db


@pytest.fixture(scope="session")
def engine(demo_db: Path):
    """A SQL engine over the demo (default dataset) with the standard guards."""
    from m3agent.tools.sql.engine import EngineSettings, SQLEngine

    eng = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": demo_db}))
    yield eng
    eng.close()
