"""Bellucci classification of otorrhea (middle-ear status before tympanoplasty)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="bellucci_classification",
    name="Bellucci Classification",
    synonyms=("Bellucci otorrhea classification", "Bellucci classification of otorrhea"),
    category="otolaryngology",
    source="Bellucci RJ. Dual classification of tympanoplasty. Laryngoscope. "
    "1973;83(11):1754-1758. Four otorrhea classes (dry; occasionally wet; persistently wet; "
    "persistently wet with cleft palate), as used in Kartush's Middle Ear Risk Index.",
    output_type="text",
    description="Grades the ear by otorrhea: Bellucci 1 dry, 2 occasionally wet, 3 persistently "
    "wet, 4 persistently wet with a cleft palate; higher classes carry a worse prognosis for "
    "tympanoplasty.",
)

Otorrhea = Literal["dry", "occasionally_wet", "persistently_wet", "wet_with_cleft_palate"]

# Bellucci 1973 classes, in order of increasing severity.
_CLASSES: dict[str, tuple[int, str]] = {
    "dry": (1, "Dry"),
    "occasionally_wet": (2, "Occasionally wet"),
    "persistently_wet": (3, "Persistently wet"),
    "wet_with_cleft_palate": (4, "Persistently wet with cleft palate"),
}


class Inputs(CalcInputs):
    """Input of the Bellucci classification."""

    otorrhea: Otorrhea = Field(
        description="Ear drainage: dry, occasionally_wet, persistently_wet, "
        "wet_with_cleft_palate (persistently wet with a cleft palate)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """The Bellucci class of the ear's otorrhea."""
    number, label = _CLASSES[inputs.otorrhea]
    value = f"Bellucci {number} ({label})"
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"{value}: "
        + (
            "most favourable middle-ear environment for tympanoplasty."
            if number == 1
            else "otorrhea lowers the expected success of tympanoplasty; higher classes fare worse."
        ),
        steps=[Step(label="Otorrhea", value=inputs.otorrhea, detail=f"class {number}")],
        extra={"class": number},
    )


_OPTIONS = {
    "dry": ("dry", "bellucci 1"),
    "occasionally_wet": ("occasionally wet", "bellucci 2"),
    "persistently_wet": ("persistently wet", "bellucci 3"),
    "wet_with_cleft_palate": ("cleft palate", "bellucci 4", "wet with cleft palate"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Bellucci 2 (Occasionally wet)' or an otorrhea text) → kwargs."""
    f = Fields(inputs, META.id)
    return {"otorrhea": f.option("bellucci", "otorrhea", "drainage", options=_OPTIONS)}
