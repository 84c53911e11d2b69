"""Rome IV diagnostic criteria for opioid-induced constipation (OIC)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="rome_iv_oic",
    name="Rome IV Diagnostic Criteria for Opioid-Induced Constipation",
    synonyms=("Rome IV OIC", "opioid-induced constipation criteria", "Rome IV opioid constipation"),
    category="gastroenterology",
    source="Lacy BE, Mearin F, Chang L, et al. Bowel disorders. Gastroenterology. "
    "2016;150(6):1393-1407 (Rome IV, criteria for opioid-induced constipation).",
    output_type="text",
    description="New or worse constipation on starting, changing or increasing opioids, with "
    "≥ 2 of six features (straining, hard stools, incomplete evacuation, blockage, manual "
    "manoeuvres in > 25% of defecations; < 3 spontaneous bowel movements a week) and loose "
    "stools rare without laxatives.",
)


class Inputs(CalcInputs):
    """The Rome IV OIC criteria."""

    new_or_worse_with_opioid_change: bool = Field(
        description="New or worsening constipation when initiating, changing or increasing "
        "opioid therapy"
    )
    straining: bool = Field(description="Straining in > 25% of defecations")
    hard_stools: bool = Field(description="Lumpy or hard stools (Bristol 1-2) in > 25%")
    incomplete_evacuation: bool = Field(description="Sensation of incomplete evacuation in > 25%")
    anorectal_blockage: bool = Field(
        description="Sensation of anorectal obstruction/blockage in > 25%"
    )
    manual_maneuvers: bool = Field(description="Manual manoeuvres to facilitate > 25%")
    spontaneous_bm_per_week: float = Field(
        ge=0, le=50, description="Spontaneous bowel movements per week (< 3 counts as a feature)"
    )
    loose_stools_rare_without_laxatives: bool = Field(
        description="Loose stools rarely present without laxatives"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Positive when the opioid criterion, ≥ 2 features and rare loose stools all hold."""
    i = inputs
    features = {
        "Straining > 25%": i.straining,
        "Lumpy/hard stools > 25%": i.hard_stools,
        "Incomplete evacuation > 25%": i.incomplete_evacuation,
        "Anorectal obstruction > 25%": i.anorectal_blockage,
        "Manual manoeuvres > 25%": i.manual_maneuvers,
        "< 3 spontaneous bowel movements/week": i.spontaneous_bm_per_week < 3,
    }
    steps = [
        Step(label="New/worse with opioid start or change", value=i.new_or_worse_with_opioid_change)
    ]
    count = 0
    for label, met in features.items():
        count += int(met)
        steps.append(Step(label=label, value=met, points=int(met), total=count))
    steps.append(
        Step(
            label="Loose stools rare without laxatives", value=i.loose_stools_rare_without_laxatives
        )
    )
    positive = (
        i.new_or_worse_with_opioid_change and count >= 2 and i.loose_stools_rare_without_laxatives
    )
    if positive:
        reading = f"Meets Rome IV criteria for opioid-induced constipation ({count} of 6 features)."
    else:
        missing = []
        if not i.new_or_worse_with_opioid_change:
            missing.append("no link to an opioid start or change")
        if count < 2:
            missing.append(f"only {count} of 6 features")
        if not i.loose_stools_rare_without_laxatives:
            missing.append("loose stools without laxatives")
        reading = "Does not meet Rome IV criteria for opioid-induced constipation: " + (
            "; ".join(missing) + "."
        )
    return CalcResult(
        calculator=META.id,
        value="Positive" if positive else "Negative",
        interpretation=reading,
        steps=steps,
        extra={"features_met": count},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Rome IV OIC inputs (yes/no criteria and weekly bowel movements) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "new_or_worse_with_opioid_change": f.yes("opioid"),
        "straining": f.yes("straining"),
        "hard_stools": f.yes("lumpy", "hard"),
        "incomplete_evacuation": f.yes("incomplete"),
        "anorectal_blockage": f.yes("obstruction", "blockage"),
        "manual_maneuvers": f.yes("manual"),
        "spontaneous_bm_per_week": f.number("spontaneous", "bowel movements"),
        "loose_stools_rare_without_laxatives": f.yes("loose"),
    }
