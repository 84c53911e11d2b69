"""Neonatal early-onset sepsis risk (Kaiser Permanente EOS calculator)."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="neonatal_eos",
    name="Neonatal Early-Onset Sepsis Calculator",
    synonyms=(
        "Kaiser EOS calculator",
        "EOS calculator",
        "neonatal sepsis calculator",
        "early-onset sepsis risk calculator",
    ),
    category="pediatrics",
    source="Puopolo KM, et al. Estimating the probability of neonatal early-onset infection on "
    "the basis of maternal risk factors. Pediatrics. 2011;128(5):e1155-63; Kuzniewicz "
    "MW, et al. A quantitative, risk-based approach to the management of neonatal "
    "early-onset sepsis. JAMA Pediatr. 2017;171(4):365-71.",
    doi="10.1542/peds.2010-3464",
    output_type="decimal",
    unit="per 1000 live births",
    description="Risk of culture-proven early-onset sepsis in newborns ≥34 weeks from maternal "
    "factors (logistic model), updated by the newborn's clinical exam.",
)

Incidence = Literal["0.3", "0.4", "0.5", "0.6"]
GBS = Literal["negative", "positive", "unknown"]
Antibiotics = Literal[
    "none_or_under_2h",
    "gbs_specific_2h_or_more",
    "broad_spectrum_2_to_4h",
    "broad_spectrum_4h_or_more",
]
Exam = Literal["well_appearing", "equivocal", "clinical_illness"]

# Puopolo 2011 logistic model: intercept by the local EOS incidence per 1000 live births.
_INTERCEPT = {"0.3": 40.0528, "0.4": 40.3415, "0.5": 40.5656, "0.6": 40.7489}
# Kuzniewicz 2017 (from Escobar 2014): likelihood ratios of the newborn's clinical exam.
_EXAM_LR = {"well_appearing": 0.41, "equivocal": 5.0, "clinical_illness": 21.2}


class Inputs(QuantityInputs):
    """Inputs of the EOS calculator."""

    incidence_per_1000: Incidence = Field(
        description="Local incidence of early-onset sepsis per 1000 live births (0.3–0.6)"
    )
    gestational_age_weeks: float = Field(
        ge=34, le=43, description="Gestational age [weeks, decimals]"
    )
    highest_maternal_temperature: float = quantity(
        "temperature", "°F", ge=94, le=108, description="Highest intrapartum temperature"
    )
    rom_hours: float = quantity(
        "duration", "h", ge=0, le=500, description="Duration of rupture of membranes"
    )
    gbs_status: GBS = Field(description="Maternal GBS status: negative, positive, unknown")
    intrapartum_antibiotics: Antibiotics = Field(
        description="none_or_under_2h; gbs_specific_2h_or_more (GBS-specific ≥2 h before "
        "birth); broad_spectrum_2_to_4h; broad_spectrum_4h_or_more"
    )
    clinical_exam: Exam = Field(
        description="Newborn exam: well_appearing, equivocal, clinical_illness"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Prior odds from Puopolo 2011 × exam likelihood ratio (Kuzniewicz 2017)."""
    ga = inputs.gestational_age_weeks
    abx = inputs.intrapartum_antibiotics
    # Puopolo 2011: GBS-specific ≥2 h or broad-spectrum 2–3.9 h form one category; broad-
    # spectrum ≥4 h another.
    tx1 = 1 if abx in ("gbs_specific_2h_or_more", "broad_spectrum_2_to_4h") else 0
    tx2 = 1 if abx == "broad_spectrum_4h_or_more" else 0
    bx = (
        _INTERCEPT[inputs.incidence_per_1000]
        + 0.8680 * inputs.highest_maternal_temperature
        - 6.9325 * ga
        + 0.0877 * ga**2
        + 1.2256 * (inputs.rom_hours + 0.05) ** 0.2
        - 1.0488 * tx1
        - 1.1861 * tx2
        + 0.5771 * (inputs.gbs_status == "positive")
        + 0.0427 * (inputs.gbs_status == "unknown")
    )
    prior_odds = math.exp(bx)
    post_odds = prior_odds * _EXAM_LR[inputs.clinical_exam]
    prior = prior_odds / (1 + prior_odds) * 1000
    post = post_odds / (1 + post_odds) * 1000
    # Kuzniewicz 2017 recommendations by posterior risk per 1000.
    if post >= 3:
        label = "≥3/1000: empiric antibiotics, vitals per NICU"
    elif post >= 1:
        label = "1–3/1000: blood culture, vitals every 4 h for 24 h"
    else:
        label = "<1/1000: routine care" + (
            "; vitals every 4 h for 24 h (risk at birth ≥1/1000)" if prior >= 1 else ""
        )
    return CalcResult(
        calculator=META.id,
        value=round(post, 2),
        unit="per 1000 live births",
        interpretation=label,
        steps=[
            Step(
                label="Logistic linear predictor",
                value=round(bx, 4),
                detail="Puopolo 2011 coefficients",
            ),
            Step(label="Risk at birth", value=round(prior, 2), detail="per 1000"),
            Step(
                label="Exam likelihood ratio",
                value=_EXAM_LR[inputs.clinical_exam],
                detail=inputs.clinical_exam,
            ),
            Step(label="Risk after exam", value=round(post, 2), detail="per 1000"),
        ],
        extra={"risk_at_birth_per_1000": round(prior, 2)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (incidence, GA, temperature, ROM, GBS, antibiotics, exam) → kwargs."""
    f = Fields(inputs, META.id)
    incidence = f"{f.number('incidence'):.1f}"
    return {
        "incidence_per_1000": incidence,
        "gestational_age_weeks": f.number("gestational age"),
        "highest_maternal_temperature": f.quantity("temperature", default_unit="°F"),
        "rom_hours": f.quantity("rupture", "rom", default_unit="h"),
        "gbs_status": f.option(
            "gbs status",
            "gbs",
            options={"negative": ("negative",), "positive": ("positive",), "unknown": ("unknown",)},
        ),
        "intrapartum_antibiotics": f.option(
            "antibiotic",
            options={
                "none_or_under_2h": (
                    "no antibiotics or any antibiotics lt 2 hrs prior to birth",
                    "no antibiotics",
                    "none",
                ),
                "gbs_specific_2h_or_more": (
                    "gbs specific antibiotics gt 2 hrs prior to birth",
                    "gbs specific",
                ),
                "broad_spectrum_2_to_4h": (
                    "broad spectrum antibiotics 2 3 9 hrs prior to birth",
                    "2 3 9",
                ),
                "broad_spectrum_4h_or_more": (
                    "broad spectrum antibiotics gt 4 hrs prior to birth",
                    "gt 4",
                    "ge 4",
                ),
            },
        ),
        "clinical_exam": f.option(
            "exam",
            "presentation",
            options={
                "well_appearing": ("well appearing",),
                "equivocal": ("equivocal",),
                "clinical_illness": ("clinical illness",),
            },
        ),
    }
