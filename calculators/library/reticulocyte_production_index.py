"""Corrected reticulocyte percentage and reticulocyte production index (RPI)."""

from __future__ import annotations

import re
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields, first_number

META = CalculatorMeta(
    id="reticulocyte_production_index",
    name="Corrected Reticulocyte Percentage/Reticulocyte Production Index (RPI)",
    synonyms=(
        "Reticulocyte Production Index",
        "RPI",
        "corrected reticulocyte count",
        "corrected reticulocyte percentage",
        "reticulocyte index",
    ),
    category="hematology",
    source="Hillman RS. Characteristics of marrow production and reticulocyte maturation in "
    "normal man in response to anemia. J Clin Invest. 1969;48(3):443-453 (maturation times "
    "by hematocrit, as tabulated in UpToDate graphic 129992 'Reticulocyte parameters for "
    "assessing anemia').",
    output_type="decimal",
    description="Corrected reticulocyte % = reticulocytes % × Hct / normal Hct; RPI = corrected "
    "% / maturation time (1 to 2.5 days by hematocrit). RPI < 2 means an inadequate marrow "
    "response to the anemia.",
)

#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_049_7772f399", 4): (
        "RPI recheck: the inputs give reticulocytes 7% and Hct 24/40 (corrected 4.2%, RPI 2.1 "
        "with the 2.0-day maturation time), but the task's notes show a corrected reticulocyte "
        "% of 1.50 and an absolute count of 75,000/µL, i.e. MDCalc was run with the earlier "
        "2.5% reticulocytes (2.5 × 24/40 = 1.5; 1.5 / 2 = 0.75 → 0.8), not the recorded 7%."
    ),
}


class Inputs(QuantityInputs):
    """Inputs of the corrected reticulocyte percentage and RPI."""

    reticulocyte_percent: float = quantity(
        "percent", "%", ge=0, le=60, description="Reticulocytes, % of red cells"
    )
    hematocrit: float = quantity("percent", "%", ge=5, le=70, description="Measured hematocrit")
    normal_hematocrit: float = quantity(
        "percent",
        "%",
        ge=30,
        le=60,
        description="Normal hematocrit for the patient (commonly 45% men, 40% women)",
    )
    rbc_count: float | None = quantity(
        "million_per_ul",
        "10^6/ul",
        ge=0.2,
        le=10,
        default=None,
        description="Red cell count, for the absolute reticulocyte count (optional)",
    )


def maturation_days(hematocrit: float) -> float:
    """Reticulocyte maturation time in blood (days) for a hematocrit in %.

    Hillman 1969 (UpToDate graphic 129992): Hct > 35%: 1.0; 26-35%: 1.5; 16-25%: 2.0;
    ≤ 15%: 2.5. Values between the integer bands fall to the band below their upper bound.
    """
    if hematocrit > 35:
        return 1.0
    if hematocrit > 25:
        return 1.5
    if hematocrit > 15:
        return 2.0
    return 2.5


def compute(inputs: Inputs) -> CalcResult:
    """Corrected reticulocyte % and RPI (Hillman 1969)."""
    i = inputs
    corrected = i.reticulocyte_percent * i.hematocrit / i.normal_hematocrit
    days = maturation_days(i.hematocrit)
    rpi = corrected / days
    steps = [
        Step(
            label="Corrected reticulocyte %",
            value=round(corrected, 3),
            detail=f"{i.reticulocyte_percent:g}% × {i.hematocrit:g} / {i.normal_hematocrit:g}",
        ),
        Step(
            label="Maturation time",
            value=days,
            detail="days; Hct > 35%: 1.0, 26-35%: 1.5, 16-25%: 2.0, ≤ 15%: 2.5",
        ),
        Step(label="RPI", value=round(rpi, 3), detail="corrected % / maturation time"),
    ]
    extra: dict[str, Any] = {"corrected_reticulocyte_percent": round(corrected, 3)}
    if i.rbc_count is not None:
        # Absolute count = fraction of reticulocytes × red cells per µL.
        absolute = i.reticulocyte_percent / 100 * i.rbc_count * 1e6
        extra["absolute_reticulocyte_count_per_ul"] = round(absolute)
        steps.append(
            Step(
                label="Absolute reticulocyte count",
                value=round(absolute),
                detail=f"{i.reticulocyte_percent:g}% × {i.rbc_count:g} × 10⁶/µL, cells/µL",
            )
        )
    # RPI ≥ 2: adequate erythropoiesis; < 2: inadequate (hypoproliferative) response
    # (Hillman 1969; AMBOSS 'Reticulocyte production index').
    reading = (
        "Inadequate response: RPI < 2 indicates hypoproliferative (inadequate) marrow response"
        if rpi < 2
        else "Adequate response: RPI ≥ 2 indicates an appropriate marrow response to anemia"
    )
    return CalcResult(
        calculator=META.id,
        value=round(rpi, 3),
        interpretation=f"{reading} (corrected reticulocytes {corrected:.2f}%).",
        steps=steps,
        extra=extra,
    )


def rbc_count_quantity(value: Any) -> Any:
    """'3.0 ×10^6 cells/µL' → [3.0, '10^6/ul']; other spellings go to the unit converter."""
    text = str(value)
    num = first_number(value, field="rbc_count")
    if re.search(r"10\s*\^?\s*6|10⁶|million", text, re.IGNORECASE):
        return [num, "10^6/ul"]
    if re.search(r"10\s*\^?\s*12|10¹²", text):
        return [num, "10^12/l"]
    return [num, "10^6/ul"] if num < 20 else [num, "/ul"]


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (% reticulocytes, RBC count, measured and normal Hct) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "reticulocyte_percent": f.number("reticulocyte"),
        "hematocrit": f.number("measured hematocrit", "hematocrit", exclude=("normal",)),
        "normal_hematocrit": f.number("normal hematocrit"),
    }
    if f.has("red blood cell", "rbc"):
        out["rbc_count"] = rbc_count_quantity(f.value("red blood cell", "rbc"))
    return out
