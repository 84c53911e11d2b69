"""What the anion-gap calculators share: formulas, inputs, steps and benchmark adapters.

The anion gap, delta gap, delta ratio and the albumin-corrected forms of all three start from
the serum anion gap (corrected for albumin in the latter): :func:`gap_result` computes any of
them. Each calculator module keeps its own ``META``, citation and inputs.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Literal

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc

# Normal anion gap and bicarbonate used by the delta gap and delta ratio: 12 and 24 mEq/L
# (Wrenn K. Ann Emerg Med. 1990;19:1310-3; Rastegar A. J Am Soc Nephrol. 2007;18:2429-31).
NORMAL_ANION_GAP = 12.0
NORMAL_BICARBONATE = 24.0
# Normal albumin 4 g/dL and 2.5 mEq/L of anion gap per g/dL of albumin (Figge J, et al.
# Crit Care Med. 1998;26:1807-10).
NORMAL_ALBUMIN = 4.0
ALBUMIN_AG_FACTOR = 2.5

_NO_BICARBONATE_FALL = (
    "the delta ratio is undefined when bicarbonate is 24 mEq/L "
    "(no fall in bicarbonate to compare the anion gap rise with)"
)


def anion_gap(sodium: float, chloride: float, bicarbonate: float) -> float:
    """Serum anion gap = Na − (Cl + HCO3), all in mEq/L (Kraut & Madias, CJASN 2007)."""
    return sodium - (chloride + bicarbonate)


def albumin_corrected_anion_gap(ag: float, albumin_g_dl: float) -> float:
    """Anion gap corrected for albumin: AG + 2.5 × (4 − albumin g/dL) (Figge 1998)."""
    return ag + ALBUMIN_AG_FACTOR * (NORMAL_ALBUMIN - albumin_g_dl)


def anion_gap_interpretation(ag: float) -> str:
    """Plain-language reading of an anion gap against the traditional 12 ± 4 mEq/L."""
    if ag > 16:
        return (
            "Elevated anion gap (above the traditional 8-16 mEq/L range): consider high "
            "anion gap metabolic acidosis."
        )
    if ag < 8:
        return "Low anion gap (below 8 mEq/L): consider hypoalbuminaemia or laboratory error."
    return "Anion gap within the traditional 8-16 mEq/L range (reference ranges vary by lab)."


def delta_gap_interpretation(delta_gap: float) -> str:
    """Read a delta gap (anion gap − 12 mEq/L; Wrenn 1990)."""
    return f"Delta gap {delta_gap:.1f} mEq/L: " + (
        "a rise in anion gap beyond normal" if delta_gap > 0 else "no anion gap excess"
    )


def require_bicarbonate_fall(bicarbonate: float) -> None:
    """Refuse a bicarbonate of exactly 24 mEq/L, where the delta ratio is undefined.

    Raises:
        ValueError: When bicarbonate is 24 mEq/L.
    """
    if bicarbonate == NORMAL_BICARBONATE:
        raise ValueError(_NO_BICARBONATE_FALL)


def delta_ratio(ag: float, bicarbonate: float) -> float:
    """(AG − 12) / (24 − HCO3).

    Raises:
        ValueError: When bicarbonate is exactly 24 mEq/L (the ratio is undefined).
    """
    require_bicarbonate_fall(bicarbonate)
    return (ag - NORMAL_ANION_GAP) / (NORMAL_BICARBONATE - bicarbonate)


def delta_ratio_interpretation(ratio: float) -> str:
    """Interpret a delta ratio (Rastegar 2007)."""
    if ratio < 0.4:
        return "Delta ratio < 0.4: hyperchloraemic normal anion gap acidosis."
    if ratio < 1:
        return "Delta ratio 0.4-1: high anion gap and normal anion gap acidosis combined."
    if ratio <= 2:
        return "Delta ratio 1-2: pure anion gap acidosis."
    return "Delta ratio > 2: high anion gap acidosis with a concurrent metabolic alkalosis."


class GapInputs(QuantityInputs):
    """The serum electrolytes of the anion gap."""

    # True for the delta ratios, which divide by the fall in bicarbonate below 24 mEq/L.
    requires_bicarbonate_fall: ClassVar[bool] = False

    sodium: float = quantity("electrolyte", "mEq/L", ge=90, le=200, description="Sodium")
    chloride: float = quantity("electrolyte", "mEq/L", ge=50, le=160, description="Chloride")
    bicarbonate: float = quantity("electrolyte", "mEq/L", ge=1, le=60, description="Bicarbonate")

    @model_validator(mode="after")
    def _bicarbonate_not_24(self) -> GapInputs:
        if self.requires_bicarbonate_fall:
            require_bicarbonate_fall(self.bicarbonate)
        return self


class AlbuminGapInputs(GapInputs):
    """The serum electrolytes of the anion gap and the albumin that corrects it."""

    albumin: float = quantity("albumin", "g/dL", ge=0.3, le=10, description="Serum albumin")


Measure = Literal["anion gap", "delta gap", "delta ratio"]

# Each measure: its value from the (albumin-corrected) gap and the bicarbonate, unit, reading.
_MEASURES: dict[str, tuple[Callable[[float, float], float], str | None, Callable[[float], str]]] = {
    "anion gap": (lambda gap, _hco3: gap, "mEq/L", anion_gap_interpretation),
    "delta gap": (lambda gap, _hco3: gap - NORMAL_ANION_GAP, "mEq/L", delta_gap_interpretation),
    "delta ratio": (delta_ratio, None, delta_ratio_interpretation),
}


def gap_result(
    calculator: str, inputs: GapInputs, measure: Measure, *, label: str, detail: str
) -> CalcResult:
    """Compute ``measure`` from the anion gap, corrected for albumin for :class:`AlbuminGapInputs`.

    Args:
        calculator: The calculator id.
        inputs: The electrolytes (and albumin, for the corrected gap).
        measure: The anion gap itself, the delta gap or the delta ratio.
        label: The label of the final step.
        detail: The formula of the final step.

    Returns:
        The value rounded to 3 decimals, with the anion gap, albumin and final steps.

    Raises:
        ValueError: For the delta ratio when bicarbonate is exactly 24 mEq/L.
    """
    gap = anion_gap(inputs.sodium, inputs.chloride, inputs.bicarbonate)
    steps = [Step(label="Anion gap", value=round(gap, 3), detail="Na − (Cl + HCO3)")]
    if isinstance(inputs, AlbuminGapInputs):
        steps.append(Step(label="Albumin", value=inputs.albumin, detail="g/dL"))
        gap = albumin_corrected_anion_gap(gap, inputs.albumin)
    formula, unit, interpret = _MEASURES[measure]
    value = formula(gap, inputs.bicarbonate)
    steps.append(Step(label=label, value=round(value, 3), detail=detail))
    return CalcResult(
        calculator=calculator,
        value=round(value, 3),
        unit=unit,
        interpretation=interpret(value),
        steps=steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → sodium, chloride and bicarbonate."""
    return {
        "sodium": mc.quantity(entities, "Sodium"),
        "chloride": mc.quantity(entities, "Chloride"),
        "bicarbonate": mc.quantity(entities, "Bicarbonate"),
    }


def from_medcalc_with_albumin(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → sodium, chloride, bicarbonate and albumin."""
    return {**from_medcalc(entities), "albumin": mc.quantity(entities, "Albumin")}
