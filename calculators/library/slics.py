"""Subaxial Cervical Spine Injury Classification and Severity Scale (SLICS / SLIC)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="slics",
    name="Subaxial Injury Classification and Severity Scale (SLICS)",
    synonyms=("SLICS", "SLIC score", "Subaxial Cervical Spine Injury Classification"),
    category="trauma",
    source="Vaccaro AR, Hulbert RJ, Patel AA, et al. The subaxial cervical spine injury "
    "classification system: a novel approach to recognize the importance of morphology, "
    "neurology, and integrity of the disco-ligamentous complex. Spine. 2007;32(21):2365-2374.",
    output_type="integer",
    description="Morphology (0-4) + disco-ligamentous complex (0-2) + neurological status (0-3, "
    "+1 for continuous cord compression with a deficit); < 4 non-operative, 4 either, ≥ 5 "
    "operative.",
)

Morphology = Literal["none", "compression", "burst", "distraction", "rotation_translation"]
DLC = Literal["intact", "indeterminate", "disrupted"]
Neuro = Literal["intact", "root", "complete_cord", "incomplete_cord"]

# Vaccaro 2007 (SLIC table, e.g. Medscape Table 1): morphology none 0, compression 1, burst
# +1 = 2, distraction 3, rotation/translation 4; DLC intact 0, indeterminate 1, disrupted 2;
# neuro intact 0, root 1, complete cord 2, incomplete cord 3, continuous cord compression in
# the setting of a neuro deficit +1.
_MORPHOLOGY = {"none": 0, "compression": 1, "burst": 2, "distraction": 3, "rotation_translation": 4}
_DLC = {"intact": 0, "indeterminate": 1, "disrupted": 2}
_NEURO = {"intact": 0, "root": 1, "complete_cord": 2, "incomplete_cord": 3}


class Inputs(CalcInputs):
    """Inputs of SLICS."""

    morphology: Morphology = Field(
        description="Injury morphology: none 0, compression 1, burst 2, distraction 3, "
        "rotation_translation 4"
    )
    dlc: DLC = Field(
        description="Disco-ligamentous complex: intact 0, indeterminate 1, disrupted 2"
    )
    neuro: Neuro = Field(
        description="Neurological status: intact 0, root 1, complete_cord 2, incomplete_cord 3"
    )
    continuous_cord_compression: bool = Field(
        description="Continuous cord compression in the setting of a neuro deficit (+1)"
    )

    @model_validator(mode="after")
    def _modifier_needs_deficit(self) -> Inputs:
        if self.continuous_cord_compression and self.neuro == "intact":
            raise ValueError(
                "continuous_cord_compression scores only with a neurological deficit; "
                "found neuro='intact'"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the three SLIC components and the cord-compression modifier (Vaccaro 2007)."""
    s = Score()
    s.add("Morphology", inputs.morphology, _MORPHOLOGY[inputs.morphology])
    s.add("Disco-ligamentous complex", inputs.dlc, _DLC[inputs.dlc])
    s.add("Neurological status", inputs.neuro, _NEURO[inputs.neuro])
    s.flag("Continuous cord compression with neuro deficit", inputs.continuous_cord_compression, 1)
    total = int(s.total)
    if total < 4:
        reading = "Non-operative treatment (< 4)"
    elif total == 4:
        reading = "Operative or non-operative treatment (4)"
    else:
        reading = (
            "Operative treatment (≥ 5): realignment, decompression if indicated, stabilisation"
        )
    return CalcResult(calculator=META.id, value=total, interpretation=f"{reading}.", steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (option texts such as 'Disrupted (+2)') → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "morphology": f.option(
            "morphology",
            options={
                "none": ("no abnormality", "none"),
                "compression": ("compression",),
                "burst": ("burst",),
                "distraction": ("distraction", "facet perch", "hyperextension"),
                "rotation_translation": ("rotation translation", "rotation", "translation"),
            },
        ),
        "dlc": f.option(
            "discoligamentous",
            "disco ligamentous",
            "dlc",
            options={
                "intact": ("intact",),
                "indeterminate": ("indeterminate",),
                "disrupted": ("disrupted",),
            },
        ),
        "neuro": f.option(
            "neurological",
            "neurologic",
            options={
                "intact": ("intact",),
                "root": ("root injury", "root"),
                "complete_cord": ("complete cord injury", "complete"),
                "incomplete_cord": ("incomplete cord injury", "incomplete"),
            },
        ),
        "continuous_cord_compression": False,
    }
    if f.has("continuous cord compression", "cord compression"):
        out["continuous_cord_compression"] = f.yes(
            "continuous cord compression", "cord compression"
        )
    return out
