"""Thoracolumbar Injury Classification and Severity Score (TLICS)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="tlics",
    name="Thoracolumbar Injury Classification and Severity Scale (TLICS)",
    synonyms=("TLICS", "TLICS score", "Thoracolumbar Injury Classification and Severity Score"),
    category="trauma",
    source="Lee JY, Vaccaro AR, Lim MR, et al. Thoracolumbar injury classification and severity "
    "score: a new paradigm for the treatment of thoracolumbar spine trauma. J Orthop Sci. "
    "2005;10(6):671-675.",
    doi="10.1007/s00776-005-0956-y",
    pmid="16307197",
    output_type="integer",
    description="Morphology (1-4) + neurological involvement (0-3) + posterior ligamentous "
    "complex (0-3); ≤ 3 non-operative, 4 either, ≥ 5 operative.",
)

Morphology = Literal["compression", "burst", "translation_rotation", "distraction"]
Neuro = Literal["intact", "nerve_root", "cord_complete", "cord_incomplete", "cauda_equina"]
PLC = Literal["intact", "suspected", "injured"]

# TLICS points (Lee/Vaccaro 2005): compression 1, burst 2, translational/rotational 3,
# distraction 4; neuro intact 0, nerve root 2, cord/conus complete 2, cord/conus incomplete 3,
# cauda equina 3; PLC intact 0, suspected/indeterminate 2, injured 3.
_MORPHOLOGY = {"compression": 1, "burst": 2, "translation_rotation": 3, "distraction": 4}
_NEURO = {
    "intact": 0,
    "nerve_root": 2,
    "cord_complete": 2,
    "cord_incomplete": 3,
    "cauda_equina": 3,
}
_PLC = {"intact": 0, "suspected": 2, "injured": 3}


class Inputs(CalcInputs):
    """Inputs of TLICS."""

    morphology: Morphology = Field(
        description="Injury morphology: compression 1, burst 2, translation_rotation 3, "
        "distraction 4"
    )
    neuro: Neuro = Field(
        description="Neurological involvement: intact 0, nerve_root 2, cord_complete 2, "
        "cord_incomplete 3, cauda_equina 3"
    )
    plc: PLC = Field(
        description="Posterior ligamentous complex: intact 0, suspected (indeterminate) 2, "
        "injured 3"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the three TLICS components (Lee/Vaccaro 2005)."""
    s = Score()
    s.add("Injury morphology", inputs.morphology, _MORPHOLOGY[inputs.morphology])
    s.add("Neurological involvement", inputs.neuro, _NEURO[inputs.neuro])
    s.add("Posterior ligamentous complex", inputs.plc, _PLC[inputs.plc])
    total = int(s.total)
    if total <= 3:
        reading = "Non-operative (≤ 3)"
    elif total == 4:
        reading = "Operative or non-operative (4)"
    else:
        reading = "Operative (≥ 5): stabilisation with or without fracture reduction"
    return CalcResult(calculator=META.id, value=total, interpretation=f"{reading}.", steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (option texts such as 'Burst fracture (+2)') → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "morphology": f.option(
            "morphology",
            options={
                "compression": ("compression",),
                "burst": ("burst", "burst fracture"),
                "translation_rotation": ("translational rotational", "translation", "rotation"),
                "distraction": ("distraction",),
            },
        ),
        "neuro": f.option(
            "neurologic",
            "neurological",
            options={
                "intact": ("intact",),
                "nerve_root": ("nerve root", "root"),
                "cord_complete": ("complete",),
                "cord_incomplete": ("incomplete",),
                "cauda_equina": ("cauda equina",),
            },
        ),
        "plc": f.option(
            "posterior ligamentous",
            "plc",
            options={
                "intact": ("intact",),
                "suspected": ("suspected", "indeterminate"),
                "injured": ("injured", "disrupted"),
            },
        ),
    }
