"""Attia criteria (predictive model) for streptococcal pharyngitis in children."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields, norm, parse_yes
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="attia_pharyngitis",
    name="Attia Criteria for Evaluation of Pharyngitis",
    synonyms=(
        "Attia score",
        "Sore Throat (Pharyngitis) Evaluation and Strep Prediction (Attia)",
        "Attia streptococcal pharyngitis model",
    ),
    category="infectious disease",
    source="Attia MW, Zaoutis T, Klein JD, Meier FA. Performance of a predictive model for "
    "streptococcal pharyngitis in children. Arch Pediatr Adolesc Med. 2001;155(6):687-691 "
    "(model derived in Attia M, et al. Acad Emerg Med. 1999;6(1):8-13); points and likelihood "
    "bands as tabulated by EBMcalc (MSD Manuals medical calculators, 'Sore Throat (Pharyngitis) "
    "Evaluation and Strep Prediction (Attia)').",
    pmid="11386959",
    output_type="integer",
    description="Four findings in children with sore throat (scarlatiniform rash 2 points; "
    "cervical node swelling, tonsillar swelling or exudate, absence of coryza 1 point each): "
    "0 low, 1-3 intermediate, 4-5 higher likelihood of group A streptococcal pharyngitis.",
)

# Points per finding, from the EBMcalc table of the Attia model (PMID 11386959): scarlatiniform
# rash 2; cervical node swelling 1; tonsillar swelling or exudate 1; no coryza 1.
RASH_POINTS = 2
NODE_POINTS = 1
TONSIL_POINTS = 1
NO_CORYZA_POINTS = 1


class Inputs(CalcInputs):
    """Findings of the Attia model."""

    scarlatiniform_rash: bool = Field(description="Scarlatiniform rash present (+2)")
    cervical_node_swelling: bool = Field(
        description="Swollen (enlarged/tender) anterior cervical lymph nodes (+1)"
    )
    tonsillar_swelling_or_exudate: bool = Field(description="Tonsillar swelling or exudate (+1)")
    coryza_absent: bool = Field(description="No coryza (runny nose/nasal congestion) (+1)")


def likelihood(total: int) -> str:
    """Likelihood band of the total (EBMcalc: 0 low, 1-3 intermediate, 4-5 higher)."""
    if total == 0:
        return "Low likelihood"
    if total <= 3:
        return "Intermediate likelihood"
    return "Higher likelihood"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the four weighted findings (0-5) and the likelihood band."""
    s = Score()
    s.flag("Scarlatiniform rash", inputs.scarlatiniform_rash, RASH_POINTS)
    s.flag("Cervical node swelling", inputs.cervical_node_swelling, NODE_POINTS)
    s.flag("Tonsillar swelling or exudate", inputs.tonsillar_swelling_or_exudate, TONSIL_POINTS)
    s.flag("No coryza", inputs.coryza_absent, NO_CORYZA_POINTS)
    total = int(s.total)
    band = likelihood(total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} of group A streptococcal pharyngitis ({total} points)",
        steps=s.steps,
        extra={"likelihood": band},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs.

    The coryza item is read by its field name: "No coryza"/"Absence of coryza" answered Yes
    scores; a plain "Coryza" field answered Yes means coryza is present (no point).
    """
    f = Fields(inputs, META.id)
    field, value = f.raw("coryza", "rhinorrhea", "runny nose")
    present = parse_yes(value, field=field)
    words = norm(field).split()
    negated = any(w in ("no", "absence", "absent", "without", "lack") for w in words)
    return {
        "scarlatiniform_rash": f.yes("scarlatiniform", "scarlitiniform", "scarlet", "rash"),
        "cervical_node_swelling": f.yes("cervical", "node", "lymph", "adenopathy"),
        "tonsillar_swelling_or_exudate": f.yes("tonsil", "exudate"),
        "coryza_absent": present if negated else not present,
    }
