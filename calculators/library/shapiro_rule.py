"""Shapiro rule: who needs a blood culture in the emergency department."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="shapiro_rule",
    name="Shapiro Rule",
    synonyms=("Shapiro rule for bacteremia", "Shapiro blood culture rule", "Shapiro score"),
    category="infectious disease",
    source="Shapiro NI, Wolfe RE, Wright SB, Moore R, Bates DW. Who needs a blood culture? A "
    "prospectively derived and validated prediction rule. J Emerg Med. 2008;35(3):255-264.",
    output_type="integer",
    description="Three major criteria (suspected endocarditis 3, temperature > 39.3 °C 3, "
    "indwelling vascular catheter 2) and eight minor (1 each); a score ≥ 2 (one major or two "
    "minor) means a blood culture is indicated.",
)


class Inputs(QuantityInputs):
    """The Shapiro criteria."""

    suspected_endocarditis: bool = Field(description="Suspected endocarditis (major, +3)")
    temperature: float = quantity(
        "temperature",
        "°C",
        ge=30,
        le=45,
        description="Temperature (> 39.3 °C major +3; 38.3-39.3 °C minor +1)",
    )
    indwelling_vascular_catheter: bool = Field(
        description="Indwelling vascular catheter (major, +2)"
    )
    age: float = quantity("age", "years", ge=18, le=120, description="Age (> 65: minor +1)")
    chills: bool = Field(description="Chills or rigors (minor, +1)")
    vomiting: bool = Field(description="Vomiting (minor, +1)")
    hypotension: bool = Field(description="Systolic BP < 90 mmHg (minor, +1)")
    wbc_gt_18000: bool = Field(description="WBC > 18,000/µL (minor, +1)")
    bands_gt_5: bool = Field(description="Bands > 5% (minor, +1)")
    platelets_lt_150000: bool = Field(description="Platelets < 150,000/µL (minor, +1)")
    creatinine_gt_2: bool = Field(description="Creatinine > 2.0 mg/dL (176 µmol/L) (minor, +1)")


def compute(inputs: Inputs) -> CalcResult:
    """Shapiro score; ≥ 2 points (≥ 1 major or ≥ 2 minor criteria) → blood culture indicated."""
    i = inputs
    s = Score()
    # Shapiro 2008, Table: major criteria suspected endocarditis 3, temperature > 39.3 °C
    # (103 °F) 3, indwelling vascular catheter 2; minor criteria 1 point each.
    s.flag("Suspected endocarditis (major)", i.suspected_endocarditis, 3)
    t = i.temperature
    high, mild = t > 39.3, 38.3 <= t <= 39.3
    s.add("Temperature > 39.3 °C (major)", round(t, 2), 3 if high else 0)
    s.flag("Indwelling vascular catheter (major)", i.indwelling_vascular_catheter, 2)
    s.add("Temperature 38.3-39.3 °C (minor)", round(t, 2), 1 if mild else 0)
    s.add("Age > 65 (minor)", i.age, 1 if i.age > 65 else 0)
    s.flag("Chills (minor)", i.chills, 1)
    s.flag("Vomiting (minor)", i.vomiting, 1)
    s.flag("Hypotension, SBP < 90 mmHg (minor)", i.hypotension, 1)
    s.flag("WBC > 18,000/µL (minor)", i.wbc_gt_18000, 1)
    s.flag("Bands > 5% (minor)", i.bands_gt_5, 1)
    s.flag("Platelets < 150,000/µL (minor)", i.platelets_lt_150000, 1)
    s.flag("Creatinine > 2.0 mg/dL (minor)", i.creatinine_gt_2, 1)
    major = sum((i.suspected_endocarditis, high, i.indwelling_vascular_catheter))
    minor = sum(
        (
            mild,
            i.age > 65,
            i.chills,
            i.vomiting,
            i.hypotension,
            i.wbc_gt_18000,
            i.bands_gt_5,
            i.platelets_lt_150000,
            i.creatinine_gt_2,
        )
    )
    total = int(s.total)
    indicated = total >= 2
    reading = (
        f"Blood culture indicated (score {total} ≥ 2: {major} major, {minor} minor criteria)."
        if indicated
        else f"Blood culture not indicated (score {total} < 2: {major} major, {minor} minor "
        "criteria)."
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=reading,
        steps=s.steps,
        extra={"major_criteria": major, "minor_criteria": minor, "culture_indicated": indicated},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Shapiro inputs (age, temperature, yes/no criteria) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "suspected_endocarditis": f.yes("endocarditis"),
        "temperature": f.quantity("temperature", default_unit="°C"),
        "indwelling_vascular_catheter": f.yes("catheter"),
        "age": f.quantity("age", default_unit="years"),
        "chills": f.yes("chills", "rigors"),
        "vomiting": f.yes("vomiting"),
        "hypotension": f.yes("hypotension", "sbp"),
        "wbc_gt_18000": f.yes("wbc", "white"),
        "bands_gt_5": f.yes("bands"),
        "platelets_lt_150000": f.yes("platelet"),
        "creatinine_gt_2": f.yes("creatinine"),
    }
