"""VTE-BLEED score: bleeding risk on anticoagulation after venous thromboembolism."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="vte_bleed",
    name="VTE-BLEED Score",
    synonyms=("VTE-BLEED", "VTE BLEED score"),
    category="hematology",
    source="Klok FA, et al. Prediction of bleeding events in patients with venous "
    "thromboembolism on stable anticoagulation treatment. Eur Respir J. "
    "2016;48(5):1369-76.",
    doi="10.1183/13993003.00280-2016",
    output_type="decimal",
    unit=None,
    description="Six weighted items predict major bleeding after the first 30 days of "
    "anticoagulation for VTE; ≥2 is elevated risk.",
)


class Inputs(CalcInputs):
    """Inputs of VTE-BLEED."""

    active_cancer: bool = Field(description="Active cancer (2 points)")
    male_uncontrolled_hypertension: bool = Field(
        description="Male patient with uncontrolled arterial hypertension, SBP ≥140 mmHg (1 point)"
    )
    anemia: bool = Field(description="Anemia: Hb <13 g/dL (men) or <12 g/dL (women) (1.5 points)")
    history_of_bleeding: bool = Field(description="History of bleeding (1.5 points)")
    age_60_or_older: bool = Field(description="Age ≥60 years (1.5 points)")
    renal_dysfunction: bool = Field(description="Creatinine clearance 30–60 mL/min (1.5 points)")


def compute(inputs: Inputs) -> CalcResult:
    """Weights from Klok 2016: cancer 2, male uncontrolled HTN 1, others 1.5."""
    items = [
        ("Active cancer", inputs.active_cancer, 2.0),
        ("Male with uncontrolled hypertension", inputs.male_uncontrolled_hypertension, 1.0),
        ("Anemia", inputs.anemia, 1.5),
        ("History of bleeding", inputs.history_of_bleeding, 1.5),
        ("Age ≥60", inputs.age_60_or_older, 1.5),
        ("Renal dysfunction (CrCl 30–60)", inputs.renal_dysfunction, 1.5),
    ]
    steps, total = tally((label, v, pts if v else 0.0) for label, v, pts in items)
    label = "Elevated bleeding risk (≥2)" if total >= 2 else "Low bleeding risk (<2)"
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (six yes/no items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "active_cancer": f.yes("cancer"),
        "male_uncontrolled_hypertension": f.yes("hypertension"),
        "anemia": f.yes("anemia", "anaemia"),
        "history_of_bleeding": f.yes("bleeding"),
        "age_60_or_older": f.yes("age"),
        "renal_dysfunction": f.yes("renal"),
    }


#: MedMCP-Calc dev items whose answer disagrees with the published score (read by the scorer).
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_067_4a049fa3", 4): (
        "the final answer 4 is not the sum of the task's own item points (5.5)"
    ),
}
