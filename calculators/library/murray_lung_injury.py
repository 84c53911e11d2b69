"""Murray score (Lung Injury Score) for acute lung injury."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import points_for

META = CalculatorMeta(
    id="murray_lung_injury",
    name="Murray Score for Acute Lung Injury",
    synonyms=("Murray score", "Lung Injury Score", "LIS", "Murray lung injury score"),
    category="pulmonology",
    source="Murray JF, Matthay MA, Luce JM, Flick MR. An expanded definition of the adult "
    "respiratory distress syndrome. Am Rev Respir Dis. 1988;138(3):720-3.",
    doi="10.1164/ajrccm/138.3.720",
    output_type="decimal",
    unit=None,
    description="Mean of four components (chest X-ray quadrants, P/F, PEEP, compliance), each "
    "0–4; >2.5 marks severe lung injury (ARDS).",
)


class Inputs(QuantityInputs):
    """Inputs of the Murray score (compliance optional if not measured)."""

    quadrants_infiltrated: int = Field(
        ge=0, le=4, description="Chest X-ray quadrants with consolidation"
    )
    pao2_fio2: float = Field(ge=10, le=700, description="PaO₂/FiO₂ [mmHg]")
    peep: float = quantity("pressure", "cmH2O", ge=0, le=40, description="PEEP")
    compliance: float | None = Field(
        default=None,
        ge=1,
        le=200,
        description="Respiratory system compliance [mL/cmH₂O], when measured (Murray averages "
        "over the components used)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Average of the component scores (Murray 1988, table 2)."""
    pf = inputs.pao2_fio2
    pf_pts = 4 if pf < 100 else 3 if pf < 175 else 2 if pf < 225 else 1 if pf < 300 else 0
    peep_pts = points_for(inputs.peep, ((6, 0), (9, 1), (12, 2), (15, 3)), 4)
    parts = [
        (
            "Chest X-ray quadrants",
            inputs.quadrants_infiltrated,
            float(inputs.quadrants_infiltrated),
        ),
        ("PaO₂/FiO₂ (≥300: 0; 225–299: 1; 175–224: 2; 100–174: 3; <100: 4)", pf, pf_pts),
        ("PEEP (≤5: 0; 6–8: 1; 9–11: 2; 12–14: 3; ≥15: 4)", inputs.peep, peep_pts),
    ]
    if inputs.compliance is not None:
        c = inputs.compliance
        c_pts = 0 if c >= 80 else 1 if c >= 60 else 2 if c >= 40 else 3 if c >= 20 else 4
        parts.append(("Compliance (≥80: 0; 60–79: 1; 40–59: 2; 20–39: 3; ≤19: 4)", c, c_pts))
    steps = [Step(label=label, value=value, points=pts) for label, value, pts in parts]
    score = sum(p for _, _, p in parts) / len(parts)
    steps.append(
        Step(label="Murray score", value=round(score, 2), detail=f"sum / {len(parts)} components")
    )
    label = (
        "No lung injury (0)"
        if score == 0
        else "Mild-to-moderate lung injury (0.1–2.5)"
        if score <= 2.5
        else "Severe lung injury / ARDS (>2.5)"
    )
    return CalcResult(calculator=META.id, value=round(score, 2), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (quadrants, P/F, PEEP, compliance) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "quadrants_infiltrated": int(f.number("quadrant", "x ray")),
        "pao2_fio2": f.number("pao2 fio2", "p f", "oxygenation"),
        "peep": f.quantity("peep", default_unit="cmH2O"),
    }
    if f.has("compliance"):
        out["compliance"] = f.number("compliance")
    return out
