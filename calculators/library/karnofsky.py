"""Karnofsky Performance Status (KPS) scale."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _performance_scale as ps

META = CalculatorMeta(
    id="karnofsky",
    name="Karnofsky Performance Status Scale",
    synonyms=("Karnofsky", "KPS", "Karnofsky performance status", "Karnofsky score"),
    category="oncology",
    source="Karnofsky DA, Burchenal JH. The clinical evaluation of chemotherapeutic agents in "
    "cancer. In: MacLeod CM, ed. Evaluation of Chemotherapeutic Agents. New York: Columbia "
    "University Press; 1949:191-205.",
    output_type="integer",
    unit="%",
    description="Functional status of patients with cancer from 100 (normal) to 0 (dead) in "
    "steps of 10.",
)

#: Karnofsky & Burchenal 1949 levels with their usual descriptions; the middle phrase of each
#: is the short form MDCalc lists.
LEVELS: dict[int, tuple[str, ...]] = {
    100: ("Normal, no complaints, no evidence of disease", "Normal; no complaints"),
    90: (
        "Able to carry on normal activity; minor signs or symptoms of disease",
        "Able to carry on normal activity",
    ),
    80: ("Normal activity with effort; some signs or symptoms of disease",),
    70: (
        "Cares for self; unable to carry on normal activity or to do active work",
        "Cares for self",
    ),
    60: (
        "Requires occasional assistance, but is able to care for most of their needs",
        "Requires occasional assistance",
    ),
    50: (
        "Requires considerable assistance and frequent medical care",
        "Requires considerable assistance",
    ),
    40: ("Disabled; requires special care and assistance", "Disabled"),
    30: (
        "Severely disabled; hospitalization is indicated although death not imminent",
        "Severely disabled",
    ),
    20: (
        "Very sick; hospitalization necessary; active supportive treatment necessary",
        "Very sick",
    ),
    10: ("Moribund; fatal processes progressing rapidly", "Moribund"),
    0: ("Dead",),
}


class Inputs(ps.LevelInputs):
    """Inputs of the Karnofsky scale."""

    score: int = ps.level_field("Karnofsky", LEVELS)


def compute(inputs: Inputs) -> CalcResult:
    """Return the Karnofsky level with its description."""
    return ps.level_result(META.id, "Karnofsky", inputs.score, LEVELS, unit="%")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Karnofsky input (patient description) → kwargs."""
    return {"score": ps.read_level(inputs, META.id, "karnofsky", LEVELS)}
