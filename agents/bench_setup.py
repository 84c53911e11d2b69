"""What a benchmark run needs before its first task: the models and the server settings."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from m3agent.agents.bench_gold import GOLD_MODEL, gold_model
from m3agent.agents.bench_records import BenchOptions
from m3agent.agents.bench_tasks import BenchDataError, BenchTask, shared_data_dir
from m3agent.agents.model import Model
from m3agent.tools.errors import ConfigError


def _script_file(path: Path) -> dict[str, Any]:
    """Scripts of a ``scripted:FILE``: a list (every task) or ``{task id | "*": list}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"Script file {path} not found.",
            hint="--model scripted:FILE needs an existing JSON file, or scripted:gold",
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ConfigError(f"Script file {path} is not JSON: {e}") from None
    if isinstance(data, list):
        return {"*": data}
    if isinstance(data, dict) and all(isinstance(v, list) for v in data.values()):
        return data
    raise ConfigError(
        f"Script file {path}: expected a JSON list of replies, or an object of task id (or "
        f"'*') to such lists; found {type(data).__name__}."
    )


def model_factory(options: BenchOptions) -> Callable[[BenchTask], Model]:
    """A function giving the model of each task (fresh for scripted models, shared otherwise).

    Raises:
        ConfigError: If a script file is missing or malformed.
        ModelError: If a litellm model lacks its key.
    """
    spec = options.model.strip()
    if spec == GOLD_MODEL:
        return lambda task: gold_model(options.benchmark, task)
    if spec.startswith("scripted:"):
        from m3agent.agents.scripted import ScriptedModel

        path = Path(spec.removeprefix("scripted:"))
        scripts = _script_file(path)

        def scripted(task: BenchTask) -> Model:
            script = scripts.get(task.id, scripts.get("*"))
            if script is None:
                raise ConfigError(
                    f"Script file {path} has no replies for task {task.id!r} and no '*' entry."
                )
            return ScriptedModel(script, name=f"scripted:{path.name}")

        return scripted
    from m3agent.agents.model import make_model

    model = make_model(spec, api_base=options.api_base)
    model.check()
    return lambda task: model


def ensure_ehrsql_db(data: Path) -> Path:
    """The EHRSQL database, built with ``init`` from ``mimic_iv.sqlite`` when missing.

    It goes where ``m3-agent init --dataset ehrsql`` puts it (``M3AGENT_DB_EHRSQL`` or the data
    dir), from ``$M3AGENT_EHRSQL_SOURCE``, a ``mimic_iv.sqlite`` beside the split folder, or the
    reference data's.

    Raises:
        BenchDataError: If it is missing and no source can be found.
        DataLoadError: If the build fails.
    """
    from m3agent.tools.datasets import default_db_path

    db = default_db_path("ehrsql")
    if db.exists():
        return db
    candidates = [
        os.environ.get("M3AGENT_EHRSQL_SOURCE"),
        str(data.parent / "mimic_iv.sqlite"),
        str(shared_data_dir() / "ehrsql-2024" / "mimic_iv.sqlite"),
    ]
    source = next((c for c in candidates if c and Path(c).is_file()), None)
    if source is None:
        raise BenchDataError(
            f"The EHRSQL database {db} is missing and no mimic_iv.sqlite was found to build it "
            f"(looked at $M3AGENT_EHRSQL_SOURCE, {candidates[1]}, {candidates[2]}).",
            hint="run `m3-agent init --dataset ehrsql --source path/to/mimic_iv.sqlite`",
        )
    from m3agent.tools.loaders.init import init_dataset

    db.parent.mkdir(parents=True, exist_ok=True)
    init_dataset("ehrsql", source=source, db_path=db)
    return db


def server_settings(options: BenchOptions, data: Path) -> Any:
    """Server settings from the environment, with the run's audit log (and EHRSQL database)."""
    from m3agent.server.settings import settings_from_env

    settings = settings_from_env()
    settings.audit_path = options.audit_path or options.out / "audit.jsonl"
    if options.benchmark == "ehrsql":
        db = ensure_ehrsql_db(data)
        settings.engine = replace(
            settings.engine,
            db_paths={**settings.engine.db_paths, "ehrsql": db},
            default_dataset="ehrsql",
        )
    return settings
