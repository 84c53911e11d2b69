"""Wells' criteria for deep vein thrombosis."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="wells_dvt",
    name="Wells' Criteria for DVT",
    synonyms=(
        "Wells DVT",
        "Wells score for DVT",
        "Wells criteria DVT",
        "Wells' Criteria for Deep Vein Thrombosis",
    ),
    category="hematology",
    source="Wells PS, Anderson DR, Rodger M, et al. Evaluation of D-dimer in the diagnosis of "
    "suspected deep-vein thrombosis. N Engl J Med. 2003;349(13):1227-1235.",
    doi="10.1056/NEJMoa023153",
    pmid="14507948",
    output_type="integer",
    medcalc_id=16,
    description="Pre-test probability of lower-limb DVT; 'DVT likely' at 2 or more points.",
)


class Inputs(CalcInputs):
    """Inputs of the Wells DVT score."""

    active_cancer: bool = Field(
        description="Active cancer (treatment within 6 months or palliative) (+1)"
    )
    bedridden_or_major_surgery: bool = Field(
        description="Bedridden recently > 3 days or major surgery within 12 weeks (+1)"
    )
    calf_swelling: bool = Field(description="Calf swelling > 3 cm compared with the other leg (+1)")
    collateral_veins: bool = Field(description="Collateral (non-varicose) superficial veins (+1)")
    entire_leg_swollen: bool = Field(description="Entire leg swollen (+1)")
    localized_tenderness: bool = Field(
        description="Localized tenderness along the deep venous system (+1)"
    )
    pitting_edema: bool = Field(description="Pitting edema confined to the symptomatic leg (+1)")
    paralysis_or_cast: bool = Field(
        description="Paralysis, paresis or recent plaster "
        "immobilization of the lower extremity (+1)"
    )
    previous_dvt: bool = Field(description="Previously documented DVT (+1)")
    alternative_diagnosis: bool = Field(
        description="Alternative diagnosis as likely or more likely than DVT (−2)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the Wells DVT criteria (−2 to 9)."""
    s = Score()
    s.flag("Active cancer", inputs.active_cancer, 1)
    s.flag("Bedridden > 3 days or major surgery ≤ 12 weeks", inputs.bedridden_or_major_surgery, 1)
    s.flag("Calf swelling > 3 cm", inputs.calf_swelling, 1)
    s.flag("Collateral superficial veins", inputs.collateral_veins, 1)
    s.flag("Entire leg swollen", inputs.entire_leg_swollen, 1)
    s.flag("Localized tenderness along deep veins", inputs.localized_tenderness, 1)
    s.flag("Pitting edema in symptomatic leg", inputs.pitting_edema, 1)
    s.flag("Paralysis, paresis or plaster immobilization", inputs.paralysis_or_cast, 1)
    s.flag("Previously documented DVT", inputs.previous_dvt, 1)
    s.flag("Alternative diagnosis as likely", inputs.alternative_diagnosis, -2)
    total = int(s.total)
    # Wells 2003: prevalence 5.5% (unlikely, < 2) vs 27.9% (likely, ≥ 2); three-tier (Wells
    # 1997): low ≤ 0, moderate 1-2, high ≥ 3.
    tier = "low" if total <= 0 else "moderate" if total <= 2 else "high"
    two = "DVT likely (≥ 2)" if total >= 2 else "DVT unlikely (< 2)"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{total} points: {two}; three-tier: {tier} probability.",
        steps=s.steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (unmentioned criteria are absent)."""
    f = mc.flag
    e = entities
    return {
        "active_cancer": f(e, "Active cancer"),
        "bedridden_or_major_surgery": f(
            e,
            "Bedridden recently >3 days or major surgery within 12 weeks",
            "Major surgery within 12 weeks",
        ),
        "calf_swelling": f(e, "Calf swelling >3 centimeters compared to the other leg"),
        "collateral_veins": f(e, "Collateral (nonvaricose) superficial veins present"),
        "entire_leg_swollen": f(e, "Entire Leg Swollen"),
        "localized_tenderness": f(e, "Localized tenderness along the deep venous system"),
        "pitting_edema": f(e, "Pitting edema, confined to symptomatic leg"),
        "paralysis_or_cast": f(
            e, "Paralysis, paresis, or recent plaster immobilization of the lower extremity"
        ),
        "previous_dvt": f(e, "Previously documented Deep Vein Thrombosis"),
        "alternative_diagnosis": f(
            e, "Alternative diagnosis to Deep Vein Thrombosis as likely or more likely"
        ),
    }
