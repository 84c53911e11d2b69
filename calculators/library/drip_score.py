"""Drug Resistance in Pneumonia (DRIP) score."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="drip_score",
    name="Drug Resistance in Pneumonia (DRIP) Score",
    synonyms=("DRIP", "DRIP score", "Drug Resistance in Pneumonia"),
    category="infectious disease",
    source="Webb BJ, Dascomb K, Stenehjem E, et al. Derivation and multicenter validation of "
    "the drug resistance in pneumonia clinical prediction score. Antimicrob Agents Chemother. "
    "2016;60(5):2652-2663.",
    pmid="26856838",
    output_type="integer",
    description="Four major (2 points) and six minor (1 point) risk factors for pneumonia "
    "caused by a drug-resistant pathogen: < 4 low risk, ≥ 4 high risk.",
)

#: field → (label, points): Webb 2016; major risk factors 2 points, minor 1 point.
CRITERIA = {
    "antibiotics_60d": ("Antibiotic use within 60 days (major)", 2),
    "long_term_care": ("Long-term care resident (major)", 2),
    "tube_feeding": ("Tube feeding (major)", 2),
    "prior_drug_resistant_pneumonia": ("Drug-resistant pneumonia within 1 year (major)", 2),
    "hospitalization_60d": ("Hospitalisation within 60 days", 1),
    "chronic_pulmonary_disease": ("Chronic pulmonary disease", 1),
    "poor_functional_status": ("Poor functional status (KPS < 70 or non-ambulatory)", 1),
    "acid_suppression_14d": ("H2 blocker or PPI within 14 days", 1),
    "wound_care": ("Active wound care at admission", 1),
    "mrsa_colonization": ("MRSA colonisation within 1 year", 1),
}


class Inputs(CalcInputs):
    """The ten DRIP risk factors."""

    antibiotics_60d: bool = Field(description="Antibiotic use within 60 days (+2)")
    long_term_care: bool = Field(
        description="Long-term care resident, not assisted living or group home (+2)"
    )
    tube_feeding: bool = Field(description="Tube feeding: NG, nasojejunal or PEG (+2)")
    prior_drug_resistant_pneumonia: bool = Field(
        description="Prior drug-resistant pneumonia diagnosis within 1 year (+2)"
    )
    hospitalization_60d: bool = Field(description="Hospitalisation within 60 days (+1)")
    chronic_pulmonary_disease: bool = Field(description="Chronic pulmonary disease (+1)")
    poor_functional_status: bool = Field(
        description="Poor functional status: Karnofsky < 70 or non-ambulatory (+1)"
    )
    acid_suppression_14d: bool = Field(description="H2 blocker or PPI within 14 days (+1)")
    wound_care: bool = Field(description="Active wound care at the time of admission (+1)")
    mrsa_colonization: bool = Field(description="MRSA colonisation within 1 year (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of DRIP points; ≥ 4 high risk of a drug-resistant pathogen (Webb 2016)."""
    s = Score()
    for name, (label, points) in CRITERIA.items():
        s.flag(label, getattr(inputs, name), points)
    total = int(s.total)
    if total < 4:
        reading = (
            f"Low risk (DRIP {total} < 4) of drug-resistant pneumonia: consider treating "
            "without extended-spectrum antibiotics."
        )
    else:
        reading = (
            f"High risk (DRIP {total} ≥ 4) of drug-resistant pneumonia: extended-spectrum "
            "antibiotics likely necessary."
        )
    return CalcResult(calculator=META.id, value=total, interpretation=reading, steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc DRIP inputs (ten yes/no risk factors) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "antibiotics_60d": f.yes("antibiotic"),
        "long_term_care": f.yes("long term care", "nursing home"),
        "tube_feeding": f.yes("tube feed"),
        "prior_drug_resistant_pneumonia": f.yes("drug resistant"),
        "hospitalization_60d": f.yes("hospitali"),
        "chronic_pulmonary_disease": f.yes("pulmonary", "copd"),
        "poor_functional_status": f.yes("functional"),
        "acid_suppression_14d": f.yes("h2", "ppi", "acid"),
        "wound_care": f.yes("wound"),
        "mrsa_colonization": f.yes("mrsa"),
    }
