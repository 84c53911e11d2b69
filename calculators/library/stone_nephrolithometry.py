"""S.T.O.N.E. nephrolithometry score for renal calculi before percutaneous nephrolithotomy."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, first_number
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="stone_nephrolithometry",
    name="STONE Nephrolithometry Score for Renal Calculi",
    synonyms=("S.T.O.N.E. nephrolithometry", "STONE nephrolithometry score", "STONE score PCNL"),
    category="urology",
    source="Okhunov Z, Friedlander JI, George AK, et al. S.T.O.N.E. nephrolithometry: novel "
    "surgical classification system for kidney calculi. Urology. 2013;81(6):1154-1159.",
    output_type="integer",
    description="Five CT items (Size, Tract length, Obstruction, Number of calyces, Essence) "
    "scored 1-4 / 1-2 / 1-2 / 1-3 / 1-2; total 5-13, higher = lower stone-free likelihood after "
    "percutaneous nephrolithotomy.",
)

Obstruction = Literal["none_or_mild", "moderate_or_severe"]
Calyces = Literal["1-2", "3", "staghorn"]

# Okhunov 2013 Table 1 (as transcribed in the uro-v131 spec tests: "Size (area mm^2: 0-399=1,
# 400-799=2, 800-1599=3, >=1600=4) + tract (<=100=1, >100=2) + obstruction (1-2) + calices
# (1-2=1, 3=2, staghorn=3) + essence (<=950 HU=1, >950=2) -> total 5-13").
_SIZE_CUTS = ((400.0, 1), (800.0, 2), (1600.0, 3))  # area (mm²) below the bound → points
_CALYX_POINTS = {"1-2": 1, "3": 2, "staghorn": 3}


class Inputs(QuantityInputs):
    """Inputs of the S.T.O.N.E. score (from the pre-operative non-contrast CT)."""

    stone_length: float = quantity(
        "length", "mm", ge=0.5, le=200, description="Largest stone length on axial CT"
    )
    stone_width: float = quantity(
        "length", "mm", ge=0.5, le=200, description="Largest stone width on axial CT"
    )
    tract_length: float = quantity(
        "length",
        "mm",
        ge=10,
        le=400,
        description="Tract length: mean skin-to-stone distance at 0°, 45° and 90° (≤ 100 mm: 1)",
    )
    obstruction: Obstruction = Field(
        description="Hydronephrosis: 'none_or_mild' (1) or 'moderate_or_severe' (2)"
    )
    calyces: Calyces = Field(
        description="Number of calyces with stone: '1-2' (1), '3' (2) or 'staghorn' (3)"
    )
    density_hu: float = Field(
        ge=-100, le=3000, description="Essence: stone density in Hounsfield units (≤ 950: 1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five S.T.O.N.E. components (Okhunov 2013)."""
    s = Score()
    area = inputs.stone_length * inputs.stone_width
    size_points = next((p for upper, p in _SIZE_CUTS if area < upper), 4)
    s.add(
        "Stone size (area)",
        round(area, 1),
        size_points,
        "length × width, mm²: < 400 → 1, 400-799 → 2, 800-1599 → 3, ≥ 1600 → 4",
    )
    s.add(
        "Tract length",
        inputs.tract_length,
        1 if inputs.tract_length <= 100 else 2,
        "≤ 100 mm → 1, > 100 mm → 2",
    )
    s.add(
        "Obstruction (hydronephrosis)",
        inputs.obstruction,
        1 if inputs.obstruction == "none_or_mild" else 2,
        "none/mild → 1, moderate/severe → 2",
    )
    s.add(
        "Number of involved calyces",
        inputs.calyces,
        _CALYX_POINTS[inputs.calyces],
        "1-2 → 1, 3 → 2, staghorn → 3",
    )
    s.add(
        "Essence (stone density)",
        inputs.density_hu,
        1 if inputs.density_hu <= 950 else 2,
        "≤ 950 HU → 1, > 950 HU → 2",
    )
    total = int(s.total)
    # Complexity groups of Okhunov 2013: low 5-6, moderate 7-8, high 9-13.
    if total <= 6:
        band = "Low complexity (5-6)"
    elif total <= 8:
        band = "Moderate complexity (7-8)"
    else:
        band = "High complexity (9-13)"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band}: S.T.O.N.E. {total}; higher scores predict a lower "
        "single-procedure stone-free rate after PCNL.",
        steps=s.steps,
        extra={"area_mm2": round(area, 1)},
    )


def _dimensions(text: str, field: str) -> tuple[float, float]:
    """Read '9 mm × 6 mm' (or '9 x 6 mm') as (9.0, 6.0)."""
    parts = [p for p in text.replace("×", "x").replace("X", "x").split("x") if p.strip()]
    if len(parts) < 2:
        raise MedMCPInputError(f"{field}: expected 'length × width' in mm, found {text!r}.")
    return first_number(parts[0], field=field), first_number(parts[1], field=field)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (size as 'L × W', tract, hydronephrosis, calyces, HU) → kwargs."""
    f = Fields(inputs, META.id)
    field, size = f.raw("stone size", "size")
    length, width = _dimensions(str(size), field)
    calyx_text = f.text("calyces", "number of calyc")
    if "staghorn" in calyx_text.lower():
        calyces = "staghorn"
    else:
        n = first_number(calyx_text, field="calyces")
        if n not in (1, 2, 3):
            # The published item has no band for > 3 calyces short of a staghorn stone.
            raise MedMCPInputError(
                f"{META.id}: calyces: expected 1-3 calyces or 'staghorn', found {calyx_text!r}."
            )
        calyces = "1-2" if n <= 2 else "3"
    return {
        "stone_length": length,
        "stone_width": width,
        "tract_length": f.quantity("tract", default_unit="mm"),
        "obstruction": f.option(
            "obstruction",
            "hydronephrosis",
            options={
                "none_or_mild": ("no mild hydronephrosis", "none", "mild", "no"),
                "moderate_or_severe": ("moderate severe hydronephrosis", "moderate", "severe"),
            },
        ),
        "calyces": calyces,
        "density_hu": f.number("essence", "density", "hounsfield"),
    }
