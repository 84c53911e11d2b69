"""Canadian TIA Score: 7-day risk of stroke after transient ischemic attack."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="canadian_tia",
    name="Canadian Transient Ischemic Attack (TIA) Score",
    synonyms=("Canadian TIA Score", "Canadian TIA", "Canadian TIA risk score"),
    category="neurology",
    source="Perry JJ, Sivilotti MLA, Émond M, et al. Prospective validation of Canadian TIA "
    "Score and comparison with ABCD2 and ABCD2i for subsequent stroke risk after transient "
    "ischaemic attack: multicentre prospective cohort study. BMJ. 2021;372:n49 (points and "
    "risk table as reprinted by IDWiki, 'Canadian Transient Ischemic Attack Score').",
    output_type="integer",
    description="Thirteen clinical and ED-investigation findings (-3 to 23 points) give the "
    "7-day risk of stroke: low (-3 to 3), medium (4 to 8), high (≥ 9).",
)

#: Points of each finding (Perry 2021): input name → (label, points, MedMCP key phrases).
CRITERIA: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "first_tia": ("First TIA in lifetime", 2, ("first tia",)),
    "symptoms_10_min": ("Symptoms lasting ≥ 10 minutes", 2, ("10 min", "symptoms")),
    "carotid_stenosis": ("History of carotid artery stenosis", 2, ("carotid",)),
    "on_antiplatelet": ("Already on antiplatelet therapy", 3, ("antiplatelet",)),
    "gait_disturbance": ("History of gait disturbance", 1, ("gait",)),
    "unilateral_weakness": ("History of unilateral weakness", 1, ("weakness",)),
    "vertigo": ("History of vertigo", -3, ("vertigo",)),
    "dbp_110": ("Initial triage diastolic BP ≥ 110 mmHg", 3, ("diastolic",)),
    "dysarthria_aphasia": ("Dysarthria or aphasia (history or examination)", 1, ("dysarthria",)),
    "atrial_fibrillation": ("Atrial fibrillation on ECG", 2, ("atrial fibrillation",)),
    "infarct_on_ct": ("Infarction (new or old) on CT", 1, ("infarction", "infarct")),
    "platelets_400": ("Platelet count ≥ 400 × 10⁹/L", 2, ("platelet",)),
    "glucose_15": ("Glucose ≥ 15 mmol/L (270 mg/dL)", 3, ("glucose",)),
}

#: 7-day stroke risk by score (Perry 2021 risk table as reprinted by IDWiki).
RISK: dict[int, str] = {
    -3: "0.01%",
    -2: "0.01-0.03%",
    -1: "0.03%",
    0: "0.04%",
    1: "0.07%",
    2: "0.11%",
    3: "0.2%",
    4: "0.3%",
    5: "0.5%",
    6: "0.8%",
    7: "1.2%",
    8: "2%",
    9: "3.2%",
    10: "5.1%",
    11: "8.1%",
    12: "12.6%",
    13: "19%",
    14: "27.6%",
}


def _flag(name: str) -> Any:
    label, pts, _ = CRITERIA[name]
    return Field(description=f"{label} ({pts:+d})")


class Inputs(CalcInputs):
    """The 13 yes/no findings."""

    first_tia: bool = _flag("first_tia")
    symptoms_10_min: bool = _flag("symptoms_10_min")
    carotid_stenosis: bool = _flag("carotid_stenosis")
    on_antiplatelet: bool = _flag("on_antiplatelet")
    gait_disturbance: bool = _flag("gait_disturbance")
    unilateral_weakness: bool = _flag("unilateral_weakness")
    vertigo: bool = _flag("vertigo")
    dbp_110: bool = _flag("dbp_110")
    dysarthria_aphasia: bool = _flag("dysarthria_aphasia")
    atrial_fibrillation: bool = _flag("atrial_fibrillation")
    infarct_on_ct: bool = _flag("infarct_on_ct")
    platelets_400: bool = _flag("platelets_400")
    glucose_15: bool = _flag("glucose_15")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the points with the 7-day stroke risk and category."""
    s = Score()
    for name, (label, pts, _) in CRITERIA.items():
        s.flag(label, getattr(inputs, name), pts)
    total = int(s.total)
    # Perry 2021 categories: low -3 to 3, medium 4 to 8, high ≥ 9.
    category = "Low" if total <= 3 else "Medium" if total <= 8 else "High"
    risk = RISK.get(total, "> 27.6%")
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{category} risk: {risk} risk of stroke in the next 7 days "
        f"(Canadian TIA Score {total}).",
        steps=s.steps,
        extra={"category": category, "seven_day_stroke_risk": risk},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Yes (35 minutes)', 'No (94 mmHg)') → kwargs."""
    f = Fields(inputs, META.id)
    return {name: f.yes(*keys) for name, (_, _, keys) in CRITERIA.items()}
