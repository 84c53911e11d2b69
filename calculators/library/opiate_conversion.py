"""Opiate conversion: equianalgesic dose of one opioid from another via morphine equivalents."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._adapter_errors import AdapterError

META = CalculatorMeta(
    id="opiate_conversion",
    name="Opiate Conversion Calculator",
    synonyms=("Opioid conversion calculator", "equianalgesic opioid conversion"),
    category="dosage conversion",
    source=(
        "Oral morphine milligram equivalent factors: Dowell D, Ragan KR, Jones CM, Baldwin GT, "
        "Chou R. CDC Clinical Practice Guideline for Prescribing Opioids for Pain - United "
        "States, 2022. MMWR Recomm Rep. 2022;71(3):1-95 (Table). Parenteral morphine 10 mg ≈ "
        "oral morphine 30 mg and hydromorphone:morphine 1:5 by either route: Pereira J, et al. "
        "J Pain Symptom Manage. 2001;22(2):672-87."
    ),
    doi="10.15585/mmwr.rr7103a1",
    pmid="36327391",
    output_type="decimal",
    unit="mg/day",
    description="Converts a total daily dose of one opioid to the equianalgesic daily dose of "
    "another through oral morphine milligram equivalents (before any cross-tolerance reduction).",
)

Drug = Literal[
    "morphine (oral)",
    "morphine (parenteral)",
    "hydromorphone (oral)",
    "hydromorphone (parenteral)",
    "oxycodone (oral)",
    "hydrocodone (oral)",
    "oxymorphone (oral)",
    "codeine (oral)",
    "tramadol (oral)",
    "tapentadol (oral)",
]

# Oral morphine mg equivalent of 1 mg (CDC 2022 for oral agents; parenteral from the
# equianalgesic ratios above: morphine IV x3, hydromorphone IV = 5 x morphine IV = 15).
MME: dict[str, float] = {
    "morphine (oral)": 1.0,
    "morphine (parenteral)": 3.0,
    "hydromorphone (oral)": 5.0,
    "hydromorphone (parenteral)": 15.0,
    "oxycodone (oral)": 1.5,
    "hydrocodone (oral)": 1.0,
    "oxymorphone (oral)": 3.0,
    "codeine (oral)": 0.15,
    "tramadol (oral)": 0.2,
    "tapentadol (oral)": 0.4,
}


#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_039_5a48e2cb", 3): (
        "Opiate conversion: 50 mg oral oxycodone = 75 oral MME (CDC factor 1.5) = 15 mg oral "
        "hydromorphone (factor 5); the task's 13 mg matches no symmetric equianalgesic table "
        "and contradicts its own hydromorphone IV 2 mg → oxycodone 20 mg item (factor 1.5)."
    ),
}


class Inputs(CalcInputs):
    """Inputs of the opiate conversion."""

    from_drug: Drug = Field(description="Opioid and route converted from")
    daily_dose_mg: float = Field(gt=0, le=5000, description="Total daily dose [mg/day]")
    to_drug: Drug = Field(description="Opioid and route converted to")

    @model_validator(mode="after")
    def _different(self) -> Inputs:
        if self.from_drug == self.to_drug:
            raise ValueError("from_drug and to_drug are the same; nothing to convert")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Target dose = daily dose x MME(from) / MME(to)."""
    i = inputs
    mme = i.daily_dose_mg * MME[i.from_drug]
    dose = mme / MME[i.to_drug]
    return CalcResult(
        calculator=META.id,
        value=round(dose, 2),
        unit="mg/day",
        interpretation=f"≈ {dose:.1f} mg/day of {i.to_drug}; reduce by 25-50% for incomplete "
        "cross-tolerance when switching",
        steps=[
            Step(
                label="Oral morphine equivalents",
                value=round(mme, 2),
                detail=f"{i.daily_dose_mg:g} mg x {MME[i.from_drug]}",
            ),
            Step(label=f"{i.to_drug} dose", value=round(dose, 2), detail=f"MME / {MME[i.to_drug]}"),
        ],
        warnings=[
            "Equianalgesic tables are approximate; methadone and fentanyl need "
            "dedicated conversion and are not covered."
        ],
        extra={
            "mme_per_day": round(mme, 2),
            "reduced_range_mg": [round(dose * 0.5, 2), round(dose * 0.75, 2)],
        },
    )


def _drug(text: Any) -> str:
    t = mm.norm(str(text))
    route = "parenteral" if re.search(r"parenteral|\biv\b|intraven|subcut|\bsc\b", t) else "oral"
    for name in (
        "hydromorphone",
        "oxymorphone",
        "oxycodone",
        "hydrocodone",
        "morphine",
        "codeine",
        "tramadol",
        "tapentadol",
    ):
        if name in t:
            key = f"{name} ({route})"
            if key not in MME:
                raise AdapterError(f"no conversion factor for {key!r}")
            return key
    raise AdapterError(f"unknown opioid {text!r}; expected one of {sorted(MME)}")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc opiate conversion inputs → Inputs."""
    return {
        "from_drug": _drug(mm.get(inputs, r"converting from")),
        "daily_dose_mg": mm.number(mm.get(inputs, r"dos")),
        "to_drug": _drug(mm.get(inputs, r"converting to")),
    }
