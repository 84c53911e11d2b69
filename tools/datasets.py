"""The datasets m3-agent knows, and where their databases live.

A dataset is a named DuckDB database with a fixed set of schemas. The default database path is
in the user's data directory (platformdirs) and can be moved with ``M3AGENT_DATA_DIR`` or, per
dataset, ``M3AGENT_DB_<NAME>`` (name upper-cased, dashes as underscores).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from m3agent.tools.errors import DatasetError

DEMO_URL = "https://physionet.org/files/mimic-iv-demo/2.2/"

#: EHRSQL's frozen "now": the scorer replaces ``current_time`` with this instant
#: (EHRSQL 2024 shared task README; every timestamp of that database is shifted into 2100).
EHRSQL_NOW = "2100-12-31 23:59:00"

#: The MIMIC-IV module layout, as PhysioNet ships it (hosp/ and icu/ folders of *.csv.gz).
MIMIC_IV_TABLES: dict[str, tuple[str, ...]] = {
    "hosp": (
        "admissions", "d_hcpcs", "d_icd_diagnoses", "d_icd_procedures", "d_labitems",
        "diagnoses_icd", "drgcodes", "emar", "emar_detail", "hcpcsevents", "labevents",
        "microbiologyevents", "omr", "patients", "pharmacy", "poe", "poe_detail",
        "prescriptions", "procedures_icd", "provider", "services", "transfers",
    ),
    "icu": (
        "caregiver", "chartevents", "d_items", "datetimeevents", "icustays",
        "ingredientevents", "inputevents", "outputevents", "procedureevents",
    ),
}

#: The 17 tables of the EHRSQL 2024 MIMIC-IV database (``ehrsql-2024/mimic_iv.sql``).
EHRSQL_TABLES: tuple[str, ...] = (
    "admissions", "chartevents", "cost", "d_icd_diagnoses", "d_icd_procedures", "d_items",
    "d_labitems", "diagnoses_icd", "icustays", "inputevents", "labevents",
    "microbiologyevents", "outputevents", "patients", "prescriptions", "procedures_icd",
    "transfers",
)


@dataclass(frozen=True)
class DatasetSpec:
    """What a dataset is: its name, schemas and tables, and how SQL over it is read.

    Attributes:
        name: The dataset's id as users type it (``mimic-iv-demo``).
        title: A one-line human description.
        schemas: Schema name to the tables it holds, as they land in DuckDB.
        module_schemas: PhysioNet module folder (``hosp``) to DuckDB schema (``mimiciv_hosp``).
        now: A frozen "now" for ``current_time`` and ``'now'`` (EHRSQL), or None for real time.
        default_dialect: The dialect questions about this dataset are usually written in.
    """

    name: str
    title: str
    schemas: dict[str, tuple[str, ...]]
    module_schemas: dict[str, str] = field(default_factory=dict)
    now: str | None = None
    default_dialect: str = "duckdb"

    @property
    def env_key(self) -> str:
        """The suffix of this dataset's environment variables (``MIMIC_IV_DEMO``)."""
        return self.name.upper().replace("-", "_")

    def qualified_tables(self) -> list[str]:
        """Every table as ``schema.table``, in catalog order."""
        return [f"{s}.{t}" for s, tables in self.schemas.items() for t in tables]


_MIMIC_SCHEMAS = {f"mimiciv_{m}": t for m, t in MIMIC_IV_TABLES.items()}
_MIMIC_MODULES = {m: f"mimiciv_{m}" for m in MIMIC_IV_TABLES}

DATASETS: dict[str, DatasetSpec] = {
    "mimic-iv-demo": DatasetSpec(
        name="mimic-iv-demo",
        title="MIMIC-IV Clinical Database Demo 2.2 (100 patients, open access, ODbL)",
        schemas=_MIMIC_SCHEMAS,
        module_schemas=_MIMIC_MODULES,
    ),
    "mimic-iv": DatasetSpec(
        name="mimic-iv",
        title="MIMIC-IV (full credentialed release, loaded from a local copy)",
        schemas=_MIMIC_SCHEMAS,
        module_schemas=_MIMIC_MODULES,
    ),
    "ehrsql": DatasetSpec(
        name="ehrsql",
        title="EHRSQL 2024 MIMIC-IV database (17 trimmed tables, timestamps in 2100)",
        schemas={"main": EHRSQL_TABLES},
        now=EHRSQL_NOW,
        default_dialect="sqlite",
    ),
}


def get_dataset(name: str) -> DatasetSpec:
    """Return the dataset named ``name``.

    Raises:
        DatasetError: If no dataset has that name; the message lists the known ones.
    """
    try:
        return DATASETS[name]
    except KeyError:
        raise DatasetError(
            f"Unknown dataset {name!r}; expected one of: {', '.join(DATASETS)}.",
            hint="Run `m3-agent status` to see which datasets are installed.",
        ) from None


def data_dir() -> Path:
    """The folder that holds m3-agent's databases and indexes (``M3AGENT_DATA_DIR``)."""
    env = os.environ.get("M3AGENT_DATA_DIR")
    return Path(env).expanduser() if env else Path(platformdirs.user_data_dir("m3-agent"))


def default_db_path(name: str) -> Path:
    """Where the database of dataset ``name`` lives unless ``M3AGENT_DB_<NAME>`` moves it."""
    spec = get_dataset(name)
    env = os.environ.get(f"M3AGENT_DB_{spec.env_key}")
    return Path(env).expanduser() if env else data_dir() / f"{spec.name}.duckdb"
