"""KDIGO staging of acute kidney injury by serum creatinine and urine output."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="kdigo_aki",
    name="KDIGO AKI Staging",
    synonyms=("KDIGO acute kidney injury stage", "AKI staging (KDIGO)"),
    category="renal",
    source=(
        "Kidney Disease: Improving Global Outcomes (KDIGO) Acute Kidney Injury Work Group. "
        "KDIGO Clinical Practice Guideline for Acute Kidney Injury. Kidney Int Suppl. "
        "2012;2(1):1-138 (Table 2)."
    ),
    doi="10.1038/kisup.2012.1",
    output_type="integer",
    description="Stages acute kidney injury 0-3 from the rise in serum creatinine, urine output, "
    "anuria and renal replacement therapy; the worse criterion sets the stage.",
)


class Inputs(QuantityInputs):
    """Inputs of KDIGO AKI staging."""

    baseline_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=25, description="Baseline serum creatinine"
    )
    current_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Current serum creatinine"
    )
    urine_output_rate: float | None = Field(
        default=None, ge=0, le=50, description="Urine output [mL/kg/h] over the period below"
    )
    urine_output_hours: float | None = Field(
        default=None, ge=0, le=240, description="Hours the urine output has been at that rate"
    )
    anuria_hours: float = Field(default=0, ge=0, le=240, description="Hours of anuria")
    rrt_started: bool = Field(default=False, description="Renal replacement therapy initiated")


def _uo_stage(rate: float | None, hours: float | None) -> int:
    if rate is None or hours is None:
        return 0
    if rate < 0.3 and hours >= 24:
        return 3
    if rate < 0.5 and hours >= 12:
        return 2
    if rate < 0.5 and hours >= 6:
        return 1
    return 0


def compute(inputs: Inputs) -> CalcResult:
    """Take the worst of the creatinine and urine output criteria (KDIGO 2012, Table 2)."""
    i = inputs
    ratio = i.current_creatinine / i.baseline_creatinine
    rise = i.current_creatinine - i.baseline_creatinine
    # SCr ≥4.0 mg/dL is stage 3 only in a patient who already meets the AKI definition
    # (rise ≥0.3 mg/dL or ≥1.5 x baseline), per the KDIGO Table 2 footnote.
    is_aki = ratio >= 1.5 or rise >= 0.3
    if ratio >= 3 or (i.current_creatinine >= 4.0 and is_aki) or i.rrt_started:
        cr_stage = 3
    elif ratio >= 2:
        cr_stage = 2
    elif ratio >= 1.5 or rise >= 0.3:
        cr_stage = 1
    else:
        cr_stage = 0
    uo_stage = _uo_stage(i.urine_output_rate, i.urine_output_hours)
    if i.anuria_hours >= 12:
        uo_stage = 3
    stage = max(cr_stage, uo_stage)
    steps = [
        Step(
            label="Creatinine ratio to baseline",
            value=round(ratio, 2),
            detail=f"rise {rise:.2f} mg/dL; creatinine stage {cr_stage}",
        ),
        Step(
            label="Urine output / anuria stage",
            value=uo_stage,
            detail=f"{i.urine_output_rate} mL/kg/h for {i.urine_output_hours} h; "
            f"anuria {i.anuria_hours} h",
        ),
        Step(label="KDIGO stage", value=stage, detail="worst of the two criteria"),
    ]
    warnings = []
    if i.urine_output_rate is None:
        warnings.append("Urine output not given: staged on creatinine alone.")
    if cr_stage == 1 and ratio < 1.5:
        warnings.append("A 0.3 mg/dL rise counts only when it occurred within 48 hours.")
    label = "No AKI by KDIGO criteria" if stage == 0 else f"KDIGO AKI Stage {stage}"
    return CalcResult(
        calculator=META.id, value=stage, interpretation=label, steps=steps, warnings=warnings
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc KDIGO inputs → Inputs (urine output rate with its duration)."""
    out: dict[str, Any] = {
        "baseline_creatinine": mm.quantity(mm.get(inputs, r"baseline.*creatinine"), "mg/dL"),
        "current_creatinine": mm.quantity(mm.get(inputs, r"current.*creatinine"), "mg/dL"),
    }
    rate = mm.find(inputs, r"ml per kg|ml/kg|output rate|urine output rate")
    if rate is not None:
        out["urine_output_rate"] = mm.number(rate["value"])
        hours = mm.opt(inputs, r"^(?!.*anuria).*duration")
        text = str(rate["value"])
        if hours is not None:
            out["urine_output_hours"] = mm.number(hours)
        elif "over" in text:
            out["urine_output_hours"] = mm.number(text.split("over", 1)[1])
    anuria = mm.opt(inputs, r"anuria")
    if anuria is not None:
        out["anuria_hours"] = mm.number(anuria)
    return out
