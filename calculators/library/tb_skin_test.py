"""Tuberculin skin test (Mantoux) interpretation by induration and risk group."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="tb_skin_test",
    name="TB Skin Test Interpretation",
    synonyms=(
        "Tuberculin skin test interpretation",
        "PPD interpretation",
        "Mantoux test interpretation",
        "TST interpretation",
    ),
    category="infectious disease",
    source="American Thoracic Society, CDC. Targeted tuberculin testing and treatment of latent "
    "tuberculosis infection. MMWR Recomm Rep. 2000;49(RR-6):1-51 (induration cut-offs 5, 10 "
    "and 15 mm by risk group).",
    output_type="text",
    description="Positive or negative Mantoux result: induration ≥ 5, ≥ 10 or ≥ 15 mm is "
    "positive depending on the person's highest-risk group.",
)

RiskFactor = Literal[
    "hiv",
    "recent_contact",
    "fibrotic_chest_xray",
    "organ_transplant",
    "immunosuppressed",
    "recent_immigrant",
    "injection_drug_use",
    "high_risk_congregate_setting",
    "mycobacteriology_lab",
    "high_risk_condition",
    "child_under_4",
    "child_exposed_to_high_risk_adult",
]

# ATS/CDC 2000: ≥ 5 mm positive for HIV infection, recent contacts of TB cases,
# fibrotic changes on chest radiograph consistent with prior TB, organ transplant and other
# immunosuppression (e.g. ≥ 15 mg/day prednisone for ≥ 1 month); ≥ 10 mm for recent (≤ 5 y)
# immigrants from high-prevalence countries, injection drug users, residents and employees of
# high-risk congregate settings, mycobacteriology laboratory personnel, clinical conditions of
# high risk (silicosis, diabetes, chronic renal failure, leukemia/lymphoma, ... low body
# weight), children < 4 years and children/adolescents exposed to high-risk adults; ≥ 15 mm for
# persons with no risk factor.
_CUTOFF: dict[str, int] = {
    "hiv": 5,
    "recent_contact": 5,
    "fibrotic_chest_xray": 5,
    "organ_transplant": 5,
    "immunosuppressed": 5,
    "recent_immigrant": 10,
    "injection_drug_use": 10,
    "high_risk_congregate_setting": 10,
    "mycobacteriology_lab": 10,
    "high_risk_condition": 10,
    "child_under_4": 10,
    "child_exposed_to_high_risk_adult": 10,
}
_NO_RISK_CUTOFF = 15


class Inputs(QuantityInputs):
    """Induration and the person's risk groups."""

    induration: float = quantity(
        "length", "mm", ge=0, le=100, description="Transverse induration at 48-72 h (not redness)"
    )
    risk_factors: list[RiskFactor] = Field(
        description="Every risk group that applies (empty list for none): " + ", ".join(_CUTOFF)
    )


def compute(inputs: Inputs) -> CalcResult:
    """Positive when the induration reaches the lowest cut-off among the person's risk groups."""
    groups = sorted(set(inputs.risk_factors), key=lambda g: (_CUTOFF[g], g))
    cutoff = min((_CUTOFF[g] for g in groups), default=_NO_RISK_CUTOFF)
    why = ", ".join(g for g in groups if _CUTOFF[g] == cutoff) or "no known risk factor"
    positive = inputs.induration >= cutoff
    steps = [
        Step(label="Risk group cut-off", value=why, detail=f"positive if induration ≥ {cutoff} mm"),
        Step(label="Induration", value=round(inputs.induration, 1), detail="mm"),
    ]
    value = "Positive" if positive else "Negative"
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"{value}: induration {inputs.induration:g} mm "
        f"{'≥' if positive else '<'} {cutoff} mm cut-off for {why}.",
        steps=steps,
        warnings=[
            "A positive test indicates TB infection, not disease: evaluate for active TB "
            "(symptoms, chest radiograph) before treating latent infection."
        ],
        extra={"cutoff_mm": cutoff},
    )


# Field key phrases for each risk group in the benchmark's yes/no items.
_KEYS: dict[str, tuple[str, ...]] = {
    "hiv": ("hiv",),
    "recent_contact": ("contact",),
    "fibrotic_chest_xray": ("fibrotic", "chest x", "radiograph"),
    "organ_transplant": ("transplant",),
    "immunosuppressed": ("immunosuppress", "steroid", "tnf"),
    "recent_immigrant": ("immigrant", "born", "high prevalence"),
    "injection_drug_use": ("injection drug", "drug use", "ivdu"),
    "high_risk_congregate_setting": ("congregate", "nursing home", "prison", "shelter"),
    "mycobacteriology_lab": ("mycobacteriology", "laboratory"),
    "high_risk_condition": (
        "high risk condition",
        "clinical condition",
        "medical condition",
        "silicosis",
        "diabetes",
    ),
    "child_under_4": ("under 4", "lt 4", "younger than 4"),
    "child_exposed_to_high_risk_adult": ("exposed to adults", "exposed"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (induration '12 mm', one yes/no item per risk group) → Inputs."""
    f = Fields(inputs, META.id)
    risks = [
        group
        for group, keys in _KEYS.items()
        if f.has(*keys, exclude=("induration",)) and f.yes(*keys, exclude=("induration",))
    ]
    return {
        "induration": f.quantity("induration", "ppd", "tst", "size", default_unit="mm"),
        "risk_factors": risks,
    }
