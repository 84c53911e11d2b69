"""NPUAP pressure injury staging (2016 revision)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, match_option

META = CalculatorMeta(
    id="npuap_staging",
    name="National Pressure Ulcer Advisory Panel Staging System (NPUAP)",
    synonyms=(
        "NPUAP staging",
        "NPUAP pressure injury stage",
        "Pressure injury staging",
        "Pressure ulcer stage",
    ),
    category="wound care",
    source="Edsberg LE, Black JM, Goldberg M, McNichol L, Moore L, Sieggreen M. Revised "
    "National Pressure Ulcer Advisory Panel Pressure Injury Staging System: revised pressure "
    "injury staging system. J Wound Ostomy Continence Nurs. 2016;43(6):585-597.",
    output_type="text",
    description="Stage 1-4, unstageable or deep tissue pressure injury, from the deepest tissue "
    "involved and whether the wound base can be seen.",
)

Finding = Literal[
    "nonblanchable_erythema",
    "partial_thickness",
    "full_thickness_skin",
    "full_thickness_tissue",
    "obscured",
    "deep_tissue",
]

# NPUAP 2016 stage definitions (Edsberg 2016), keyed by the defining finding.
_STAGES: dict[str, tuple[str, str]] = {
    "nonblanchable_erythema": (
        "Stage 1",
        "intact skin with a localized area of non-blanchable erythema",
    ),
    "partial_thickness": (
        "Stage 2",
        "partial-thickness skin loss with exposed dermis (pink/red moist bed or intact/ruptured "
        "serum-filled blister); adipose and deeper tissues not visible",
    ),
    "full_thickness_skin": (
        "Stage 3",
        "full-thickness skin loss: adipose visible, granulation tissue/epibole often present; "
        "fascia, muscle, tendon, ligament, cartilage and bone not exposed",
    ),
    "full_thickness_tissue": (
        "Stage 4",
        "full-thickness skin and tissue loss with exposed or directly palpable fascia, muscle, "
        "tendon, ligament, cartilage or bone",
    ),
    "obscured": (
        "Unstageable",
        "obscured full-thickness skin and tissue loss: extent hidden by slough or eschar",
    ),
    "deep_tissue": (
        "Deep Tissue Pressure Injury",
        "persistent non-blanchable deep red, maroon or purple discoloration of intact or "
        "non-intact skin, or an epidermal separation revealing a dark wound bed or blood-filled "
        "blister",
    ),
}


class Inputs(CalcInputs):
    """The defining finding of the pressure injury."""

    finding: Finding = Field(
        description="'nonblanchable_erythema' (intact skin); 'partial_thickness' (exposed "
        "dermis/blister); 'full_thickness_skin' (adipose visible); 'full_thickness_tissue' "
        "(fascia, muscle, tendon, ligament, cartilage or bone exposed); 'obscured' (slough or "
        "eschar hides the base); 'deep_tissue' (persistent deep red/maroon/purple discoloration)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Map the defining finding to its NPUAP 2016 stage."""
    stage, text = _STAGES[inputs.finding]
    return CalcResult(
        calculator=META.id,
        value=stage,
        interpretation=f"{stage} pressure injury: {text}.",
        steps=[Step(label="Defining finding", value=inputs.finding, detail=text)],
    )


_BY_STAGE = {
    1: "nonblanchable_erythema",
    2: "partial_thickness",
    3: "full_thickness_skin",
    4: "full_thickness_tissue",
}
_OPTIONS = {
    "nonblanchable_erythema": ("stage 1", "non blanchable erythema", "nonblanchable erythema"),
    "partial_thickness": ("stage 2", "partial thickness", "exposed dermis", "blister"),
    "full_thickness_skin": ("stage 3", "full thickness skin loss", "adipose", "subcutaneous fat"),
    "full_thickness_tissue": (
        "stage 4",
        "full thickness skin and tissue loss",
        "exposed bone",
        "exposed tendon",
        "exposed muscle",
        "bone",
        "tendon",
        "muscle",
    ),
    "obscured": ("unstageable", "slough", "eschar", "obscured"),
    "deep_tissue": ("deep tissue", "dtpi", "maroon", "purple", "deep red"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc NPUAP input (a stage or the wound description) → Inputs."""
    f = Fields(inputs, META.id)
    field, raw = f.raw("stage", "finding", "wound", "description", "ulcer", "injury", "depth")
    # A stage written out ('Stage 3 (full-thickness skin loss)') decides before the description.
    m = re.match(r"(?i)\s*(?:npuap\s+)?stage\s*(i{1,3}v?|iv|[1-4])\b", str(raw))
    if m:
        key = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1).lower()) or int(m.group(1))
        return {"finding": _BY_STAGE[key]}
    return {"finding": match_option(raw, _OPTIONS, field=f"{META.id}: {field}")}
