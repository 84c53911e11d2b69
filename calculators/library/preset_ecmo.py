"""PREdiction of Survival on ECMO Therapy (PRESET) score for ARDS patients on veno-venous ECMO.

Where the constants come from: the article (Hilder et al., Crit Care 2017) is open access, but
the stored copies reachable from this project hold only its abstract, which names the five
variables (admission pHa, mean arterial pressure, lactate, platelet concentration, days in
hospital before ECMO) but not the points table. The brackets and points below were read in two
independent reimplementations that agree on every bracket:

- the R package ``cliot`` 1.0.0, ``preset_ecmo_score`` (rdocumentation.org/packages/cliot/
  versions/1.0.0/topics/preset_ecmo_score), citing Hilder et al.;
- a public TypeScript calculator bundle (``wave8PulmIcuCalcs``, entry ``preset-ecmo``, citing
  Hilder et al., PMID 29233160), which also gives the three risk classes with their ICU mortality.

The risk classes (I 0-5, II 6-9, III 10-15; ICU mortality ~26%, ~68%, ~93%) come from the
TypeScript bundle alone; ``cliot`` prints other cut-offs (I 0-3, II 4-5, III >= 6) without
mortality figures. The MDCalc result recorded in the MedMCP-Calc dev task (8 points: "Class II,
68% ICU mortality") agrees with the TypeScript bundle, not with ``cliot``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="preset_ecmo",
    name="PREdiction of Survival on ECMO Therapy (PRESET) Score",
    synonyms=("PRESET score", "PRESET-Score", "PRESET ECMO score"),
    category="critical care",
    source=(
        "Hilder M, Herbstreit F, Adamzik M, et al. Comparison of mortality prediction models in "
        "acute respiratory distress syndrome undergoing extracorporeal membrane oxygenation and "
        "development of a novel prediction score: the PREdiction of Survival on ECMO "
        "Therapy-Score (PRESET-Score). Crit Care. 2017;21(1):301."
    ),
    doi="10.1186/s13054-017-1888-6",
    pmid="29233160",
    output_type="integer",
    description="Pre-ECMO mean arterial pressure, lactate, arterial pH, platelet count and days "
    "in hospital give 0-15 points; risk classes I-III predict ICU mortality on veno-venous ECMO "
    "for ARDS.",
)


class Inputs(QuantityInputs):
    """Inputs of the PRESET score (all five are required; values before ECMO starts)."""

    mean_arterial_pressure: float = quantity(
        "pressure", "mmHg", ge=10, le=200, description="Mean arterial pressure before ECMO"
    )
    lactate: float = quantity(
        "lactate", "mmol/L", ge=0, le=40, description="Arterial lactate before ECMO"
    )
    arterial_ph: float = Field(ge=6.5, le=8.0, description="Arterial pH (pHa) before ECMO")
    platelets: float = quantity(
        "thousand_per_ul",
        "10^3/uL",
        ge=0,
        le=2000,
        description="Platelet count before ECMO (×10³/µL = /nL)",
    )
    hospital_days: float = quantity(
        "duration",
        "days",
        ge=0,
        le=365,
        description="Days in hospital before ECMO was started",
    )


# Points per bracket, as tabulated by cliot 1.0.0 and the TypeScript bundle (see the module
# docstring); both cite Hilder et al. 2017 and give the same brackets. The brackets are written
# for whole or 1-3-decimal values (MAP 91-100, lactate 1.51-3.00, pH 7.201-7.300); a value that
# falls between two written brackets (MAP 90.5) goes with the bracket its bounds imply (> 90).
def _map_points(map_mmhg: float) -> int:
    # MAP: >100 → 0; 91-100 → 1; 81-90 → 2; 71-80 → 3; ≤70 → 4.
    if map_mmhg > 100:
        return 0
    if map_mmhg > 90:
        return 1
    if map_mmhg > 80:
        return 2
    if map_mmhg > 70:
        return 3
    return 4


def _lactate_points(lactate: float) -> int:
    # Lactate (mmol/L): ≤1.50 → 0; 1.51-3.00 → 1; 3.01-6.00 → 2; 6.01-10.00 → 3; >10.00 → 4.
    for upper, pts in ((1.5, 0), (3.0, 1), (6.0, 2), (10.0, 3)):
        if lactate <= upper:
            return pts
    return 4


def _ph_points(ph: float) -> int:
    # pHa: >7.300 → 0; 7.201-7.300 → 1; 7.101-7.200 → 2; ≤7.100 → 3.
    if ph > 7.3:
        return 0
    if ph > 7.2:
        return 1
    if ph > 7.1:
        return 2
    return 3


def _platelet_points(platelets: float) -> int:
    # Platelets (×10³/µL): >200 → 0; 101-200 → 1; ≤100 → 2.
    if platelets > 200:
        return 0
    if platelets > 100:
        return 1
    return 2


def _days_points(days: float) -> int:
    # Days in hospital before ECMO: ≤2 → 0; 3-7 → 1; >7 → 2.
    if days <= 2:
        return 0
    if days <= 7:
        return 1
    return 2


# Risk classes and their ICU mortality (TypeScript bundle, citing Hilder et al. 2017):
# (highest score of the class, class, ICU mortality %).
_CLASSES: tuple[tuple[int, str, int], ...] = ((5, "I", 26), (9, "II", 68), (15, "III", 93))


def risk_class(score: int) -> tuple[str, int]:
    """The PRESET risk class and its ICU mortality (%) for a score of 0-15.

    Raises:
        ValueError: For a score outside 0-15.
    """
    if not 0 <= score <= 15:
        raise ValueError(f"expected a PRESET score of 0-15, found {score}.")
    for upper, name, mortality in _CLASSES:
        if score <= upper:
            return name, mortality
    raise AssertionError("unreachable: the last class ends at 15")  # pragma: no cover


def compute(inputs: Inputs) -> CalcResult:
    """Sum the five PRESET criteria and place the total in its risk class."""
    i = inputs
    s = Score()
    s.add(
        "Mean arterial pressure",
        round(i.mean_arterial_pressure, 1),
        _map_points(i.mean_arterial_pressure),
        ">100: 0; 91-100: 1; 81-90: 2; 71-80: 3; ≤70 mmHg: 4",
    )
    s.add(
        "Lactate",
        round(i.lactate, 2),
        _lactate_points(i.lactate),
        "≤1.5: 0; 1.51-3.0: 1; 3.01-6.0: 2; 6.01-10.0: 3; >10.0 mmol/L: 4",
    )
    s.add(
        "Arterial pH",
        i.arterial_ph,
        _ph_points(i.arterial_ph),
        ">7.30: 0; 7.201-7.30: 1; 7.101-7.20: 2; ≤7.10: 3",
    )
    s.add(
        "Platelet count",
        round(i.platelets, 1),
        _platelet_points(i.platelets),
        ">200: 0; 101-200: 1; ≤100 ×10³/µL: 2",
    )
    s.add(
        "Days in hospital before ECMO",
        round(i.hospital_days, 2),
        _days_points(i.hospital_days),
        "≤2: 0; 3-7: 1; >7 days: 2",
    )
    total = int(s.total)
    name, mortality = risk_class(total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"PRESET {total} points: risk class {name}, ICU mortality {mortality}%.",
        steps=s.steps,
        warnings=[
            "Derived in 108 ARDS patients on veno-venous ECMO at one German centre "
            "(external validation AUC 0.70); use as decision support, not as the sole "
            "criterion for ECMO candidacy."
        ],
        extra={"risk_class": name, "icu_mortality_percent": mortality},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PRESET inputs → Inputs (raw values; the bracket text is ignored)."""
    return {
        "mean_arterial_pressure": mm.quantity(mm.get(inputs, r"mean arterial|\bmap\b"), "mmHg"),
        "lactate": mm.quantity(mm.get(inputs, r"lactate"), "mmol/L"),
        "arterial_ph": mm.number(mm.get(inputs, r"\bph\b|pha\b")),
        "platelets": mm.cell_count(mm.get(inputs, r"platelet"), "10^3/uL"),
        "hospital_days": mm.quantity(mm.get(inputs, r"hospital|days? (?:before|pre)"), "days"),
    }
