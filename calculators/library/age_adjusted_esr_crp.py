"""Age-adjusted upper limits of normal for ESR and CRP."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="age_adjusted_esr_crp",
    name="Age-Adjusted ESR/CRP for Rheumatoid Arthritis",
    synonyms=("Age-adjusted ESR", "Age-adjusted CRP", "Age-adjusted ESR and CRP"),
    category="rheumatology",
    source=(
        "Miller A, Green M, Robinson D. Simple rule for calculating normal erythrocyte "
        "sedimentation rate. Br Med J (Clin Res Ed). 1983;286(6361):266; CRP: Wener MH, Daum "
        "PR, McQuillan GM. The influence of age, sex, and race on the upper reference limit of "
        "serum C-reactive protein concentration. J Rheumatol. 2000;27(10):2351-2359."
    ),
    output_type="decimal",
    unit="mm/h",
    description="Upper limit of normal ESR (men age/2, women (age+10)/2) and CRP (men age/50, "
    "women age/50 + 0.6 mg/dL) for the patient's age and sex.",
)


class Inputs(QuantityInputs):
    """Inputs of the age-adjusted ESR/CRP limits (measured values optional)."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    sex: Literal["male", "female"] = Field(description="Sex")
    esr: float | None = Field(
        None, ge=0, le=200, description="Measured ESR in mm/h (optional: compared with the limit)"
    )
    crp: float | None = quantity(
        "crp",
        "mg/dL",
        ge=0,
        le=100,
        default=None,
        description="Measured CRP (optional: compared with the limit)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Age- and sex-adjusted upper limits of normal for ESR (value) and CRP (extra)."""
    age = inputs.age
    female = inputs.sex == "female"
    # Miller 1983: ESR ULN = age/2 (men), (age + 10)/2 (women), in mm/h (Westergren).
    esr_uln = (age + 10) / 2 if female else age / 2
    # Wener 2000: CRP ULN = age/50 (men), age/50 + 0.6 (women), in mg/dL.
    crp_uln = age / 50 + 0.6 if female else age / 50
    steps = [
        Step(
            label="ESR upper limit",
            value=round(esr_uln, 1),
            detail="(age + 10)/2 for women" if female else "age/2 for men",
        ),
        Step(
            label="CRP upper limit (mg/dL)",
            value=round(crp_uln, 2),
            detail="age/50 + 0.6 for women" if female else "age/50 for men",
        ),
    ]
    parts = [f"ESR upper limit {esr_uln:.1f} mm/h", f"CRP upper limit {crp_uln:.2f} mg/dL"]
    if inputs.esr is not None:
        high = inputs.esr > esr_uln
        steps.append(
            Step(label="Measured ESR", value=inputs.esr, detail="above" if high else "within")
        )
        parts.append(f"measured ESR {inputs.esr:g} is {'elevated' if high else 'within normal'}")
    if inputs.crp is not None:
        high = inputs.crp > crp_uln
        steps.append(
            Step(
                label="Measured CRP (mg/dL)", value=inputs.crp, detail="above" if high else "within"
            )
        )
        parts.append(
            f"measured CRP {inputs.crp:g} mg/dL is {'elevated' if high else 'within normal'}"
        )
    return CalcResult(
        calculator=META.id,
        value=round(esr_uln, 1),
        unit="mm/h",
        interpretation="; ".join(parts) + ".",
        steps=steps,
        extra={"esr_uln_mm_h": round(esr_uln, 1), "crp_uln_mg_dl": round(crp_uln, 2)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (age, sex and any measured ESR / CRP)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {"age": f.quantity("age", default_unit="years"), "sex": f.sex()}
    if f.has("esr", "sedimentation"):
        out["esr"] = f.number("esr", "sedimentation")
    if f.has("crp", "c reactive"):
        out["crp"] = f.quantity("crp", "c reactive", default_unit="mg/dL")
    return out
