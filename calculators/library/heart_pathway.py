"""HEART Pathway for early discharge in acute chest pain."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="heart_pathway",
    name="HEART Pathway for Early Discharge in Acute Chest Pain",
    synonyms=("HEART Pathway", "HEART pathway early discharge"),
    category="cardiology",
    source="Mahler SA, et al. The HEART Pathway randomized trial: identifying emergency "
    "department patients with acute chest pain for early discharge. Circ Cardiovasc "
    "Qual Outcomes. 2015;8(2):195-203.",
    doi="10.1161/CIRCOUTCOMES.114.001384",
    output_type="text",
    unit=None,
    description="HEART score ≤3 with negative troponins at 0 and 3 hours identifies chest-pain "
    "patients safe for early discharge without stress testing.",
)

Level = Literal[0, 1, 2]


class Inputs(QuantityInputs):
    """Inputs of the HEART Pathway."""

    history: Level = Field(description="History: 0 slightly, 1 moderately, 2 highly suspicious")
    ecg: Level = Field(
        description="ECG: 0 normal; 1 non-specific repolarisation disturbance; "
        "2 significant ST deviation"
    )
    age: float = quantity(
        "age", "years", ge=18, le=120, description="Age (<45: 0; 45–64: 1; ≥65: 2)"
    )
    risk_factors: Level = Field(
        description="Risk factors (hypercholesterolaemia, hypertension, diabetes, smoking, "
        "family history, obesity): 0 none; 1 one or two; 2 three or more, or known "
        "atherosclerotic disease"
    )
    initial_troponin: Level = Field(
        description="Initial troponin: 0 ≤ normal limit; 1 1–3× normal limit; 2 >3× normal limit"
    )
    repeat_troponin_elevated: bool = Field(description="Troponin at 3 hours above the normal limit")


def compute(inputs: Inputs) -> CalcResult:
    """HEART score (Six 2008) then the pathway rule (Mahler 2015)."""
    age_pts = 0 if inputs.age < 45 else 1 if inputs.age < 65 else 2
    steps, total = tally(
        [
            ("History", inputs.history, inputs.history),
            ("ECG", inputs.ecg, inputs.ecg),
            ("Age", inputs.age, age_pts),
            ("Risk factors", inputs.risk_factors, inputs.risk_factors),
            ("Initial troponin", inputs.initial_troponin, inputs.initial_troponin),
        ]
    )
    troponins_negative = inputs.initial_troponin == 0 and not inputs.repeat_troponin_elevated
    low = total <= 3 and troponins_negative
    steps.append(Step(label="Serial troponins (0 and 3 h) negative", value=troponins_negative))
    value = "Low risk" if low else "Not low risk"
    label = (
        "Low risk: HEART score ≤3 with negative 0 h and 3 h troponins; early discharge "
        "without further testing (Mahler 2015: 30-day MACE <1%)"
        if low
        else "Not low risk: HEART score ≥4 or a positive troponin; further evaluation or admission"
    )
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=label,
        steps=steps,
        extra={"heart_score": as_int(total)},
    )


_HISTORY = {0: ("Slightly suspicious",), 1: ("Moderately suspicious",), 2: ("Highly suspicious",)}
_ECG = {
    0: ("Normal",),
    1: ("Non-specific repolarization disturbance", "non specific"),
    2: ("Significant ST deviation", "st deviation"),
}
_RISK = {
    0: ("No known risk factors", "none"),
    1: ("1-2 risk factors", "1 2 risk factors"),
    2: ("ge 3 risk factors or history of atherosclerotic disease", "ge 3", "atherosclerotic"),
}
_TROP = {
    0: ("le normal limit", "normal"),
    1: ("1 3x normal limit", "1 3"),
    2: ("gt 3x normal limit", "gt 3"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (HEART items and repeat troponin) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "history": f.option("history", options=_HISTORY),
        "ecg": f.option("ecg", "ekg", options=_ECG),
        "age": f.quantity("age", default_unit="years"),
        "risk_factors": f.option("risk factor", options=_RISK),
        "initial_troponin": f.option("initial troponin", options=_TROP),
        "repeat_troponin_elevated": f.yes("repeat troponin", "3 hour", "serial"),
    }
