"""4Ts score for heparin-induced thrombocytopenia (HIT)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="four_ts_hit",
    name="4Ts Score for Heparin-Induced Thrombocytopenia",
    synonyms=("4Ts", "4T score", "4Ts score", "4 T's score for HIT"),
    category="hematology",
    source="Lo GK, Juhl D, Warkentin TE, et al. Evaluation of pretest clinical score (4 T's) "
    "for the diagnosis of heparin-induced thrombocytopenia in two clinical settings. J Thromb "
    "Haemost. 2006;4(4):759-765; probabilities from Cuker A, Gimotty PA, Crowther MA, "
    "Warkentin TE. Predictive value of the 4Ts scoring system for heparin-induced "
    "thrombocytopenia: a systematic review and meta-analysis. Blood. 2012;120(20):4160-4167.",
    output_type="integer",
    description="Four features scored 0-2 (thrombocytopenia, timing, thrombosis, other causes); "
    "0-3 low, 4-5 intermediate, 6-8 high pretest probability of HIT.",
)

Thrombocytopenia = Literal[
    "fall_gt50_nadir_ge20", "fall_30_50_or_nadir_10_19", "fall_lt30_or_nadir_lt10"
]
Timing = Literal["days_5_10_or_le1_recent", "unclear_or_gt10_or_le1_remote", "le4_no_recent"]
Thrombosis = Literal["new_proven", "progressive_or_suspected", "none"]
OtherCauses = Literal["none_apparent", "possible", "definite"]

# Points per option (Lo 2006, Table 1).
_THROMBOCYTOPENIA = {
    "fall_gt50_nadir_ge20": 2,
    "fall_30_50_or_nadir_10_19": 1,
    "fall_lt30_or_nadir_lt10": 0,
}
_TIMING = {"days_5_10_or_le1_recent": 2, "unclear_or_gt10_or_le1_remote": 1, "le4_no_recent": 0}
_THROMBOSIS = {"new_proven": 2, "progressive_or_suspected": 1, "none": 0}
_OTHER = {"none_apparent": 2, "possible": 1, "definite": 0}


class Inputs(CalcInputs):
    """Inputs of the 4Ts score: one category per feature."""

    thrombocytopenia: Thrombocytopenia = Field(
        description="fall_gt50_nadir_ge20: fall > 50% and nadir ≥ 20 ×10⁹/L (2); "
        "fall_30_50_or_nadir_10_19: fall 30-50% or nadir 10-19 (1); "
        "fall_lt30_or_nadir_lt10: fall < 30% or nadir < 10 (0)"
    )
    timing: Timing = Field(
        description="days_5_10_or_le1_recent: clear onset days 5-10, or fall ≤ 1 day with "
        "heparin in the past 30 days (2); unclear_or_gt10_or_le1_remote: consistent with days "
        "5-10 but unclear, onset after day 10, or fall ≤ 1 day with heparin 30-100 days ago "
        "(1); le4_no_recent: fall within 4 days without recent heparin (0)"
    )
    thrombosis: Thrombosis = Field(
        description="new_proven: new proven thrombosis, skin necrosis or acute systemic "
        "reaction after IV heparin bolus (2); progressive_or_suspected: progressive or "
        "recurrent thrombosis, non-necrotising skin lesions, suspected thrombosis (1); none (0)"
    )
    other_causes: OtherCauses = Field(
        description="Other causes of thrombocytopenia: none_apparent (2), possible (1), "
        "definite (0)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the four features (Lo 2006)."""
    s = Score()
    s.add("Thrombocytopenia", inputs.thrombocytopenia, _THROMBOCYTOPENIA[inputs.thrombocytopenia])
    s.add("Timing of platelet fall", inputs.timing, _TIMING[inputs.timing])
    s.add("Thrombosis or other sequelae", inputs.thrombosis, _THROMBOSIS[inputs.thrombosis])
    s.add("Other causes of thrombocytopenia", inputs.other_causes, _OTHER[inputs.other_causes])
    total = int(s.total)
    # Lo 2006: 0-3 low, 4-5 intermediate, 6-8 high. Cuker 2012 meta-analysis: NPV of a low
    # score 0.998; PPV of intermediate 0.14 and of high 0.64.
    if total <= 3:
        reading = "Low probability of HIT (0-3): negative predictive value 99.8%"
    elif total <= 5:
        reading = "Intermediate probability of HIT (4-5): ~14%"
    else:
        reading = "High probability of HIT (6-8): ~64%"
    return CalcResult(calculator=META.id, value=total, interpretation=reading, steps=s.steps)


def _low(text: Any) -> str:
    return str(text).lower().replace("–", "-").replace("—", "-")


def _thrombocytopenia(text: str) -> str:
    if re.search(r">\s*50\s*%", text):
        return "fall_gt50_nadir_ge20"
    if re.search(r"30\s*-\s*50\s*%|10\s*-\s*19", text):
        return "fall_30_50_or_nadir_10_19"
    if re.search(r"<\s*30\s*%|<\s*10\b", text):
        return "fall_lt30_or_nadir_lt10"
    raise MedMCPInputError(f"{META.id}: thrombocytopenia: cannot read {text!r}.")


def _timing(text: str) -> str:
    if re.search(r"unclear|consistent|after day 10|>\s*10|30\s*-\s*100", text):
        return "unclear_or_gt10_or_le1_remote"
    if re.search(r"5\s*-\s*10|within (the )?past 30|≤\s*1 day", text):
        return "days_5_10_or_le1_recent"
    if re.search(r"<\s*4|≤\s*4|within 4", text):
        return "le4_no_recent"
    raise MedMCPInputError(f"{META.id}: timing: cannot read {text!r}.")


def _thrombosis(text: str) -> str:
    if re.match(r"\s*(none|no)\b", text):
        return "none"
    if re.search(r"progressi|recurren|suspected|non-?necroti|erythemat", text):
        return "progressive_or_suspected"
    if re.search(r"new|proven|necrosis|systemic", text):
        return "new_proven"
    raise MedMCPInputError(f"{META.id}: thrombosis: cannot read {text!r}.")


def _other(text: str) -> str:
    if re.search(r"definite", text):
        return "definite"
    if re.search(r"possible", text):
        return "possible"
    if re.search(r"none|no other", text):
        return "none_apparent"
    raise MedMCPInputError(f"{META.id}: other causes: cannot read {text!r}.")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the four features as option texts) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "thrombocytopenia": _thrombocytopenia(
            _low(f.value("thrombocytopenia", exclude=("other",)))
        ),
        "timing": _timing(_low(f.value("timing"))),
        "thrombosis": _thrombosis(_low(f.value("thrombosis"))),
        "other_causes": _other(_low(f.value("other causes"))),
    }
