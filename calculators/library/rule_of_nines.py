"""Rule of nines: total body surface area burned in adults."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="rule_of_nines",
    name="Rule of Nines",
    synonyms=("Wallace rule of nines", "Rule of nines burns", "TBSA burn rule of nines"),
    category="critical care",
    source="Wallace AB. The exposure treatment of burns. Lancet. 1951;1(6653):501-504.",
    output_type="decimal",
    unit="%",
    description="Adult %TBSA burned: head and neck 9, each arm 9, anterior trunk 18, posterior "
    "trunk 18, each leg 18, genitalia 1; sums the burned share of each region.",
)

# Adult regions and their share of the body surface (Wallace 1951, as listed on the pages
# read: head and neck 9%, each arm 9%, anterior and posterior trunk 18% each, each leg 18%,
# perineum/genitalia 1%).
_REGIONS: dict[str, tuple[str, float]] = {
    "head_neck": ("Head and neck", 9),
    "anterior_trunk": ("Anterior trunk", 18),
    "posterior_trunk": ("Posterior trunk", 18),
    "right_arm": ("Right arm", 9),
    "left_arm": ("Left arm", 9),
    "genitalia": ("Genitalia / perineum", 1),
    "right_leg": ("Right leg", 18),
    "left_leg": ("Left leg", 18),
}


def _region(name: str) -> Any:
    label, share = _REGIONS[name]
    return quantity(
        "percent",
        "%",
        ge=0,
        le=share,
        description=f"{label}: %TBSA burned in this region (whole region = {share:g}%)",
    )


class Inputs(QuantityInputs):
    """Inputs of the rule of nines: the %TBSA burned in each adult region."""

    head_neck: float = _region("head_neck")
    anterior_trunk: float = _region("anterior_trunk")
    posterior_trunk: float = _region("posterior_trunk")
    right_arm: float = _region("right_arm")
    left_arm: float = _region("left_arm")
    genitalia: float = _region("genitalia")
    right_leg: float = _region("right_leg")
    left_leg: float = _region("left_leg")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the %TBSA burned in each region (Wallace 1951)."""
    s = Score()
    for name, (label, share) in _REGIONS.items():
        burned = getattr(inputs, name)
        s.add(label, burned, burned, f"of {share:g}%")
    total = round(s.total, 2)
    return CalcResult(
        calculator=META.id,
        value=total,
        unit="%",
        interpretation=f"{total:g}% of total body surface area burned.",
        steps=s.steps,
        warnings=["Adult proportions: in children the head is larger; use Lund-Browder."],
    )


_FIELDS: dict[str, tuple[str, ...]] = {
    "head_neck": ("head",),
    "anterior_trunk": ("anterior trunk", "torso", "chest", "trunk"),
    "posterior_trunk": ("posterior trunk", "back"),
    "right_arm": ("right arm",),
    "left_arm": ("left arm",),
    "genitalia": ("genital", "perineum"),
    "right_leg": ("right leg",),
    "left_leg": ("left leg",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (%TBSA per region; 'Torso' is the anterior trunk) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        name: f.quantity(
            *keys, default_unit="%", exclude=("posterior",) if "anterior" in name else ()
        )
        for name, keys in _FIELDS.items()
    }
