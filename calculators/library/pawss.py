"""Prediction of Alcohol Withdrawal Severity Scale (PAWSS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="pawss",
    name="Prediction of Alcohol Withdrawal Severity Scale",
    synonyms=("PAWSS", "Prediction of Alcohol Withdrawal Severity Scale (PAWSS)"),
    category="toxicology",
    source="Maldonado JR, et al. The Prediction of Alcohol Withdrawal Severity Scale (PAWSS): "
    "systematic literature review and pilot study of a new scale for the prediction of "
    "complicated alcohol withdrawal syndrome. Alcohol. 2014;48(4):375-90.",
    doi="10.1016/j.alcohol.2014.01.004",
    output_type="integer",
    unit=None,
    description="Screens hospitalised patients who drank in the last 30 days for complicated "
    "alcohol withdrawal (0–10); ≥4 is high risk.",
)

# Maldonado 2014: Part B (interview) items 1–8 and Part C (clinical) items 9–10, 1 point each.
ITEMS = {
    "recent_intoxication": "Recently intoxicated/drunk within the last 30 days",
    "previous_rehabilitation": "Ever undergone alcohol rehabilitation treatment",
    "previous_withdrawal": "Previous episodes of alcohol withdrawal",
    "previous_blackouts": "Previous alcohol-related blackouts",
    "previous_withdrawal_seizures": "Previous alcohol withdrawal seizures",
    "previous_delirium_tremens": "Previous delirium tremens",
    "combined_with_downers": "Alcohol combined with 'downers' (benzodiazepines, barbiturates) "
    "in the last 90 days",
    "combined_with_other_substances": "Alcohol combined with other substances of abuse in the "
    "last 90 days",
    "blood_alcohol_200_or_more": "Blood alcohol level ≥200 mg/dL on presentation",
    "autonomic_hyperactivity": "Evidence of increased autonomic activity (HR >120, tremor, "
    "sweating, agitation, nausea)",
}


class Inputs(CalcInputs):
    """Inputs of the PAWSS."""

    threshold_met: bool = Field(
        description="Part A threshold: any alcohol in the last 30 "
        "days, or a positive blood alcohol on admission"
    )
    recent_intoxication: bool = Field(description=ITEMS["recent_intoxication"])
    previous_rehabilitation: bool = Field(description=ITEMS["previous_rehabilitation"])
    previous_withdrawal: bool = Field(description=ITEMS["previous_withdrawal"])
    previous_blackouts: bool = Field(description=ITEMS["previous_blackouts"])
    previous_withdrawal_seizures: bool = Field(description=ITEMS["previous_withdrawal_seizures"])
    previous_delirium_tremens: bool = Field(description=ITEMS["previous_delirium_tremens"])
    combined_with_downers: bool = Field(description=ITEMS["combined_with_downers"])
    combined_with_other_substances: bool = Field(
        description=ITEMS["combined_with_other_substances"]
    )
    blood_alcohol_200_or_more: bool = Field(description=ITEMS["blood_alcohol_200_or_more"])
    autonomic_hyperactivity: bool = Field(description=ITEMS["autonomic_hyperactivity"])


def compute(inputs: Inputs) -> CalcResult:
    """One point per item once the threshold is met (Maldonado 2014)."""
    if not inputs.threshold_met:
        return CalcResult(
            calculator=META.id,
            value=0,
            interpretation="Threshold not met (no alcohol in 30 days, negative BAL): PAWSS not "
            "applicable, low risk",
            steps=[Step(label="Threshold criterion", value=False, points=0, total=0)],
        )
    steps, total = tally(
        (label, getattr(inputs, k), 1 if getattr(inputs, k) else 0) for k, label in ITEMS.items()
    )
    # Maldonado 2014: ≥4 high risk of complicated withdrawal (sensitivity 93%, specificity
    # 99.5% in the pilot).
    label = (
        "High risk of complicated alcohol withdrawal (≥4)"
        if total >= 4
        else "Low risk of complicated alcohol withdrawal (<4)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


_FIELD_KEYS = {
    "threshold_met": ("threshold", "consumed alcohol"),
    "recent_intoxication": ("intoxicated", "drunk"),
    "previous_rehabilitation": ("rehab", "detox"),
    "previous_withdrawal": (
        "previous alcohol withdrawal episodes",
        "previous episodes",
        "withdrawal episodes",
    ),
    "previous_blackouts": ("blackout",),
    "previous_withdrawal_seizures": ("seizure",),
    "previous_delirium_tremens": ("delirium tremens",),
    "combined_with_downers": ("downers", "sedative", "benzodiazepine", "barbiturate"),
    "combined_with_other_substances": ("other substance", "cns depressant", "concomitant"),
    "blood_alcohol_200_or_more": ("blood alcohol level", "bal 200", "bal ge 200"),
    "autonomic_hyperactivity": ("autonomic",),
}
_EXCLUDE = {"blood_alcohol_200_or_more": ("threshold",), "previous_withdrawal": ("seizure",)}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (threshold and ten items) → Inputs kwargs.

    Raises:
        MedMCPInputError: If one of the ten PAWSS items is missing from the task.
    """
    f = Fields(inputs, META.id)
    return {key: f.yes(*keys, exclude=_EXCLUDE.get(key, ())) for key, keys in _FIELD_KEYS.items()}


#: MedMCP-Calc dev items whose answer disagrees with the published score (read by the scorer).
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_031_b61e1f6d", 2): (
        "the task replaced the PAWSS item 'recently intoxicated within the last 30 days' "
        "by 'current intense craving', which is not a PAWSS item"
    ),
}
