"""Step-by-Step approach to febrile infants ≤ 90 days (Gomez 2016).

A sequential algorithm for well-looking febrile infants without a source: the first step met
decides. High risk: ill appearance, age ≤ 21 days, leukocyturia, procalcitonin ≥ 0.5 ng/mL;
intermediate risk: CRP > 20 mg/L or absolute neutrophil count > 10,000/µL; otherwise low risk
for invasive bacterial infection.

Steps and cut-offs were read in medicalalgorithms.com's summary of Gomez 2016 ("Step-by-Step
approach for managing a febrile infant": high risk = abnormal Pediatric Assessment Triangle,
age ≤ 21 days, leukocyturia, procalcitonin ≥ 0.5 ng/mL; intermediate = CRP > 20 mg/L or ANC
> 10,000/µL; low risk = everyone else; sensitivity 92%, specificity 47%) and its summary of
Mintegi's version (same cut-offs). fpnotebook's summary instead files leukocyturia under
"intermediate"; this module follows the Gomez 2016 summary.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="step_by_step_febrile_infant",
    name="Step-by-Step Approach to Febrile Infants",
    synonyms=("Step-by-Step febrile infant", "Step by Step approach", "Gomez Step-by-Step"),
    category="pediatrics",
    source="Gomez B, Mintegi S, Bressan S, et al; European Group for Validation of the "
    'Step-by-Step Approach. Validation of the "Step-by-Step" approach in the management of '
    "young febrile infants. Pediatrics. 2016;138(2):e20154381.",
    pmid="27382134",
    output_type="text",
    description="Sequential risk stratification of febrile infants ≤ 90 days for invasive "
    "bacterial infection: high, intermediate or low risk.",
)

# Cut-offs (Gomez 2016, see the module docstring).
MAX_AGE_HIGH_RISK_DAYS = 21
PCT_HIGH_NG_ML = 0.5
CRP_MG_L = 20.0
ANC_K_PER_UL = 10.0  # 10,000/µL


class Inputs(QuantityInputs):
    """Inputs of the Step-by-Step approach (later steps only when the algorithm reaches them)."""

    ill_appearing: bool = Field(
        description="Ill appearance (abnormal Pediatric Assessment Triangle)"
    )
    age_days: int = Field(ge=0, le=90, description="Age in days (≤ 21 is high risk; ≤ 90 only)")
    leukocyturia: bool | None = Field(None, description="Leukocyturia on urinalysis")
    procalcitonin: float | None = Field(
        None, ge=0, le=1000, description="Procalcitonin in ng/mL (≥ 0.5 is high risk)"
    )
    crp: float | None = quantity(
        "crp", "mg/L", ge=0, le=1000, default=None, description="C-reactive protein (> 20 mg/L)"
    )
    anc: float | None = quantity(
        "thousand_per_ul",
        "10^3/uL",
        ge=0,
        le=200,
        default=None,
        description="Absolute neutrophil count (> 10 × 10³/µL)",
    )

    @model_validator(mode="after")
    def _reached_steps_answered(self) -> Inputs:
        if self.ill_appearing or self.age_days <= MAX_AGE_HIGH_RISK_DAYS:
            return self
        if self.leukocyturia is None:
            raise ValueError("leukocyturia is required for a well-appearing infant > 21 days old")
        if self.leukocyturia:
            return self
        if self.procalcitonin is None:
            raise ValueError("procalcitonin (ng/mL) is required once urinalysis is normal")
        if self.procalcitonin >= PCT_HIGH_NG_ML:
            return self
        if self.crp is None or self.anc is None:
            missing = [n for n in ("crp", "anc") if getattr(self, n) is None]
            raise ValueError(
                f"{' and '.join(missing)} required when procalcitonin is < 0.5 ng/mL "
                "(the intermediate-risk step)"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Walk the steps; the first one met decides the risk group."""
    i = inputs
    steps: list[Step] = []

    def result(category: str, why: str) -> CalcResult:
        steps.append(Step(label="Risk group", value=category, detail=why))
        return CalcResult(
            calculator=META.id,
            value=category,
            interpretation=f"{category} for invasive bacterial infection: {why}.",
            steps=steps,
        )

    steps.append(Step(label="1. Ill appearance", value=i.ill_appearing))
    if i.ill_appearing:
        return result("High risk", "ill appearing")
    steps.append(Step(label="2. Age ≤ 21 days", value=i.age_days, detail="days"))
    if i.age_days <= MAX_AGE_HIGH_RISK_DAYS:
        return result("High risk", f"age {i.age_days} days ≤ 21")
    steps.append(Step(label="3. Leukocyturia", value=i.leukocyturia))
    if i.leukocyturia:
        return result("High risk", "leukocyturia")
    assert i.procalcitonin is not None  # guaranteed by the validator
    steps.append(Step(label="4. Procalcitonin ≥ 0.5 ng/mL", value=i.procalcitonin))
    if i.procalcitonin >= PCT_HIGH_NG_ML:
        return result("High risk", f"procalcitonin {i.procalcitonin:g} ng/mL ≥ 0.5")
    steps.append(
        Step(
            label="5. CRP > 20 mg/L or ANC > 10,000/µL",
            value=f"CRP {i.crp:g} mg/L, ANC {i.anc:g} ×10³/µL",
        )
    )
    assert i.crp is not None and i.anc is not None
    if i.crp > CRP_MG_L or i.anc > ANC_K_PER_UL:
        return result("Intermediate risk", "CRP > 20 mg/L or ANC > 10,000/µL")
    return result("Low risk", "no step met")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (labs only when recorded)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "ill_appearing": f.yes("ill appear", "appearance", "ill"),
        "age_days": int(f.number("age")),
    }
    if f.has("leukocyturia", "urinalysis", "urine"):
        out["leukocyturia"] = f.yes("leukocyturia", "urinalysis", "urine")
    if f.has("procalcitonin", "pct"):
        out["procalcitonin"] = f.number("procalcitonin", "pct")
    if f.has("crp", "c reactive"):
        out["crp"] = f.quantity("crp", "c reactive", default_unit="mg/L")
    if f.has("anc", "absolute neutrophil", "neutrophil"):
        anc = f.quantity("anc", "absolute neutrophil", "neutrophil")
        if not isinstance(anc, list) and anc > 200:
            anc = [anc, "/uL"]  # a bare count like '12,000' is per µL
        out["anc"] = anc
    return out
