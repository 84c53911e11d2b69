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
