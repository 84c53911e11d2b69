"""Pieces shared by several calculators: typed fields, a score builder and shared formulas.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

from m3agent.calculators.base import Step


def _lower_sex(value: Any) -> Any:
    if isinstance(value, str):
        v = value.strip().lower()
        return {"m": "male", "f": "female", "man": "male", "woman": "female"}.get(v, v)
    return value


Sex = Annotated[Literal["male", "female"], BeforeValidator(_lower_sex)]
"""Biological sex as the published equations use it (``male`` / ``female``; M/F accepted)."""


class Score:
    """Builds a points score one criterion at a time, recording a :class:`Step` for each.

    Args:
        start: The starting total (0 for every score here).
    """

    def __init__(self, start: float = 0) -> None:
        self.total: float = start
        self.steps: list[Step] = []

    def add(self, label: str, value: Any, points: float, detail: str | None = None) -> None:
        """Add ``points`` for the criterion ``label`` (``value`` is what the input was)."""
        self.total += points
        shown = (
            value if isinstance(value, int | float | str | bool) or value is None else str(value)
        )
        self.steps.append(
            Step(label=label, value=shown, points=points, total=self.total, detail=detail)
        )

    def flag(self, label: str, present: bool, points: float) -> None:
        """Add ``points`` when the yes/no criterion ``label`` is present."""
        self.add(
            label,
            present,
            points if present else 0,
            f"+{_fmt(points)} if present" if points >= 0 else f"{_fmt(points)} if present",
        )

    @property
    def value(self) -> int | float:
        """The total as an int when it is whole (scores), else a float (Wells PE halves)."""
        return int(self.total) if float(self.total).is_integer() else self.total


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def band(value: float, bands: list[tuple[float, float]], default: float = 0) -> float:
    """Points for ``value`` from ``(lower bound inclusive, points)`` pairs sorted high to low.

    Returns the points of the first band whose lower bound ``value`` reaches, else ``default``.
    """
    for lower, pts in bands:
        if value >= lower:
            return pts
    return default


def ideal_body_weight_kg(sex: str, height_cm: float) -> float:
    """Devine ideal body weight: 50 kg (men) or 45.5 kg (women) + 2.3 kg per inch over 5 feet.

    Source: Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm. 1974;8:650-655.
    """
    inches = height_cm / 2.54  # 1 in = 2.54 cm exactly
    return (50.0 if sex == "male" else 45.5) + 2.3 * (inches - 60.0)


def adjusted_body_weight_kg(ibw_kg: float, weight_kg: float) -> float:
    """Return the adjusted body weight: IBW + 0.4 × (actual − IBW).

    The 0.4 correction factor is the one used for aminoglycoside and creatinine-clearance
    dosing in obesity (Bauer LA, Applied Clinical Pharmacokinetics; reviewed in Pai MP,
    Paloucek FP. Ann Pharmacother. 2000;34:1066-1069).
    """
    return ibw_kg + 0.4 * (weight_kg - ibw_kg)


def anion_gap(sodium: float, chloride: float, bicarbonate: float) -> float:
    """Serum anion gap = Na − (Cl + HCO3), all in mEq/L (Kraut & Madias, CJASN 2007)."""
    return sodium - (chloride + bicarbonate)


# Normal anion gap and bicarbonate used by the delta gap and delta ratio: 12 and 24 mEq/L
# (Wrenn K. Ann Emerg Med. 1990;19:1310-3; Rastegar A. J Am Soc Nephrol. 2007;18:2429-31).
NORMAL_ANION_GAP = 12.0
NORMAL_BICARBONATE = 24.0
# Normal albumin 4 g/dL and 2.5 mEq/L of anion gap per g/dL of albumin (Figge J, et al.
# Crit Care Med. 1998;26:1807-10).
NORMAL_ALBUMIN = 4.0
ALBUMIN_AG_FACTOR = 2.5


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


def delta_ratio_interpretation(ratio: float) -> str:
    """Interpret a delta ratio (Rastegar 2007)."""
    if ratio < 0.4:
        return "Delta ratio < 0.4: hyperchloraemic normal anion gap acidosis."
    if ratio < 1:
        return "Delta ratio 0.4-1: high anion gap and normal anion gap acidosis combined."
    if ratio <= 2:
        return "Delta ratio 1-2: pure anion gap acidosis."
    return "Delta ratio > 2: high anion gap acidosis with a concurrent metabolic alkalosis."


def delta_ratio(ag: float, bicarbonate: float) -> float:
    """(AG − 12) / (24 − HCO3).

    Raises:
        ValueError: When bicarbonate is exactly 24 mEq/L (the ratio is undefined).
    """
    denominator = NORMAL_BICARBONATE - bicarbonate
    if denominator == 0:
        raise ValueError(
            "the delta ratio is undefined when bicarbonate is 24 mEq/L "
            "(no fall in bicarbonate to compare the anion gap rise with)"
        )
    return (ag - NORMAL_ANION_GAP) / denominator


def qtc_interpretation(qtc_ms: float) -> str:
    """Interpret a corrected QT against the AHA/ACCF/HRS 2009 limits.

    Source: Rautaharju PM, et al. AHA/ACCF/HRS recommendations for the standardization and
    interpretation of the electrocardiogram, part IV. Circulation. 2009;119:e241-50.
    """
    if qtc_ms >= 500:
        return f"QTc {qtc_ms:.0f} ms: markedly prolonged (≥ 500 ms, torsades risk)"
    if qtc_ms > 460:
        return f"QTc {qtc_ms:.0f} ms: prolonged (> 450 ms in men, > 460 ms in women)"
    if qtc_ms > 450:
        return f"QTc {qtc_ms:.0f} ms: prolonged in men (> 450 ms); normal in women (≤ 460 ms)"
    if qtc_ms < 350:
        return f"QTc {qtc_ms:.0f} ms: short (< 350 ms)"
    return f"QTc {qtc_ms:.0f} ms: within normal limits"
