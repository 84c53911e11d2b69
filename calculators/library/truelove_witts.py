"""Truelove and Witts severity index for ulcerative colitis (mild / moderate / severe)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="truelove_witts",
    name="Truelove and Witts Severity Index for Ulcerative Colitis",
    synonyms=("Truelove and Witts", "Truelove-Witts criteria", "Truelove and Witts criteria"),
    category="gastroenterology",
    source=(
        "Truelove SC, Witts LJ. Cortisone in ulcerative colitis; final report on a therapeutic "
        "trial. Br Med J. 1955;2(4947):1041-1048; severity table as adapted by NICE CG166 "
        "(Ulcerative colitis: management, 2013): mild < 4 bowel movements/day, moderate 4-6, "
        "severe ≥ 6 with visible blood and at least one feature of systemic upset."
    ),
    output_type="text",
    description="Severity of an ulcerative colitis flare from bowel frequency, blood in the stool "
    "and systemic upset (fever, tachycardia, anaemia, raised ESR).",
)

Blood = Literal["none_or_small", "intermediate", "visible"]


class Inputs(CalcInputs):
    """Inputs of the Truelove and Witts severity index."""

    bowel_movements: int = Field(
        ge=0, le=50, description="Bowel movements per day (< 4 mild, 4-6 moderate, ≥ 6 severe)"
    )
    blood_in_stool: Blood = Field(
        description="Blood in stool: no more than small amounts (mild), between mild and "
        "severe (moderate), visible blood (severe)"
    )
    fever: bool = Field(description="Pyrexia: temperature > 37.8 °C (systemic upset)")
    tachycardia: bool = Field(description="Pulse > 90 beats/min (systemic upset)")
    anemia: bool = Field(description="Anaemia: haemoglobin < 10 g/100 mL (systemic upset)")
    esr_above_30: bool = Field(description="ESR > 30 mm/h (systemic upset)")


def compute(inputs: Inputs) -> CalcResult:
    """Classify the flare as mild, moderate or severe."""
    upset = {
        "Pyrexia > 37.8 °C": inputs.fever,
        "Pulse > 90/min": inputs.tachycardia,
        "Anaemia (Hb < 10 g/dL)": inputs.anemia,
        "ESR > 30 mm/h": inputs.esr_above_30,
    }
    n_upset = sum(upset.values())
    bm = inputs.bowel_movements
    steps = [
        Step(
            label="Bowel movements per day", value=bm, detail="< 4 mild; 4-6 moderate; ≥ 6 severe"
        ),
        Step(label="Blood in stool", value=inputs.blood_in_stool),
    ]
    steps += [Step(label=k, value=v, detail="feature of systemic upset") for k, v in upset.items()]
    warnings: list[str] = []
    # NICE CG166 table: severe = ≥ 6 movements plus visible blood plus ≥ 1 feature of systemic
    # upset; mild = < 4 movements, no more than small amounts of blood, no systemic upset and
    # ESR ≤ 30; moderate lies between the two.
    if bm >= 6 and inputs.blood_in_stool == "visible" and n_upset >= 1:
        category = "Severe"
    elif bm < 4 and inputs.blood_in_stool == "none_or_small" and n_upset == 0:
        category = "Mild"
    else:
        category = "Moderate"
        if bm >= 6 and n_upset == 0:
            warnings.append(
                "≥ 6 bowel movements without a feature of systemic upset: not severe by the "
                "index; reassess pulse, temperature, haemoglobin and ESR."
            )
        if bm < 4 and n_upset:
            warnings.append(
                "< 4 bowel movements but with systemic upset: classed moderate (between mild "
                "and severe); consider another cause of the systemic features."
            )
    advice = {
        "Mild": "mild ulcerative colitis",
        "Moderate": "moderate ulcerative colitis",
        "Severe": "severe (acute severe) ulcerative colitis: admit for intravenous "
        "corticosteroids and specialist review",
    }[category]
    return CalcResult(
        calculator=META.id,
        value=category,
        interpretation=f"{category}: {advice} ({n_upset} feature(s) of systemic upset).",
        steps=steps,
        warnings=warnings,
        extra={"systemic_upset_features": n_upset},
    )


_BLOOD = {
    "none_or_small": ("none", "no blood", "small", "small amounts", "no more than small amounts"),
    "intermediate": ("intermediate", "between mild and severe", "moderate", "occasional"),
    "visible": ("visible", "visible blood", "frank", "large", "gross"),
}


def _flag(f: Fields, keys: tuple[str, ...], number_threshold: float | None) -> bool:
    """A yes/no feature, or a measured value compared with its threshold."""
    text = str(f.value(*keys)).strip().lower()
    if number_threshold is not None and text[:1].isdigit():
        return f.number(*keys) > number_threshold
    return f.yes(*keys)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (yes/no features or measured values)."""
    f = Fields(inputs, META.id)
    # Source conflict (review): NICE CG166 gives no Hb cut-off ("anaemia"); ECCO/Travis
    # adaptations use Hb < 105 g/L, other restatements < 10 g/dL (kept here).
    if f.text("anaemia", "anemia", "hemoglobin", "haemoglobin").strip()[:1].isdigit():
        anemia = f.number("anaemia", "anemia", "hemoglobin", "haemoglobin") < 10
    else:
        anemia = f.yes("anaemia", "anemia", "hemoglobin", "haemoglobin")
    return {
        "bowel_movements": int(f.number("bowel movements", "stools", "bowel", exclude=("blood",))),
        "blood_in_stool": f.option("blood", options=_BLOOD),
        "fever": _flag(f, ("pyrexia", "temperature", "fever"), 37.8),
        "tachycardia": _flag(f, ("pulse", "heart rate", "tachycardia"), 90),
        "anemia": anemia,
        "esr_above_30": _flag(f, ("esr", "erythrocyte sedimentation"), 30),
    }
