"""Unit conversion for calculator inputs, in one place.

Each quantity kind has a canonical unit per calculator declaration and a table of factors to a
base unit. Molar conversions use the molar masses cited beside each entry. Temperature and HbA1c
(IFCC to NGSP) are the affine conversions. Add new kinds here (small, additive edits) rather
than converting inside a calculator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from m3agent.tools.errors import M3AgentError


class UnitError(M3AgentError):
    """An input came with a unit that cannot be converted, or in a shape that is not a quantity.

    Args:
        message: What was expected and what was found (starts with the field's name).
        field: The input the error is about, when there is one.
        hint: A suggestion, if any.
    """

    code = "unit"

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


def _norm(unit: str) -> str:
    u = unit.strip().replace("µ", "u").replace("μ", "u").replace(" ", "")
    u = u.replace("^2", "²").replace("m2", "m²") if "/m2" in u or u.endswith("m2") else u
    return u.lower()


# Monovalent ions (Na⁺, K⁺, Cl⁻, HCO3⁻): 1 mmol carries 1 mEq of charge.
_MONOVALENT = {"mmol/l": 1.0, "meq/l": 1.0}

# Factors: value_in_unit * factor = value in the kind's base unit (first key of each table).
# Molar masses: creatinine 113.12 g/mol (1 mg/dL = 88.4 µmol/L); urea nitrogen 28.02 g/mol as
# BUN (1 mg/dL = 0.357 mmol/L); glucose 180.16 g/mol (1 mg/dL = 0.0555 mmol/L); bilirubin
# 584.66 g/mol (1 mg/dL = 17.1 µmol/L); calcium 40.08 g/mol (1 mg/dL = 0.2495 mmol/L);
# cholesterol 386.65 g/mol (1 mg/dL = 0.02586 mmol/L); triglycerides ~885.7 g/mol
# (1 mg/dL = 0.01129 mmol/L); magnesium 24.305 g/mol; phosphate (as P) 30.97 g/mol; uric acid
# 168.11 g/mol; lactate 90.08 g/mol. Source: SI conversion tables, AMA Manual of Style, 11th ed.
_TABLES: dict[str, dict[str, float]] = {
    "weight": {"kg": 1.0, "g": 0.001, "lb": 0.45359237, "lbs": 0.45359237, "oz": 0.028349523125},
    "height": {
        "cm": 1.0,
        "m": 100.0,
        "mm": 0.1,
        "in": 2.54,
        "inch": 2.54,
        "inches": 2.54,
        "ft": 30.48,
    },
    "creatinine": {"mg/dl": 1.0, "umol/l": 1 / 88.4, "mmol/l": 1000 / 88.4, "mg/l": 0.1},
    "bun": {"mg/dl": 1.0, "mmol/l": 1 / 0.357},
    "glucose": {"mg/dl": 1.0, "mmol/l": 180.16 / 10},
    "bilirubin": {"mg/dl": 1.0, "umol/l": 1 / 17.1},
    "calcium": {"mg/dl": 1.0, "mmol/l": 40.08 / 10, "meq/l": 40.08 / 20},
    "cholesterol": {"mg/dl": 1.0, "mmol/l": 38.67},
    "triglycerides": {"mg/dl": 1.0, "mmol/l": 88.57},
    "albumin": {"g/dl": 1.0, "g/l": 0.1, "mg/dl": 0.001},
    "protein": {"g/dl": 1.0, "g/l": 0.1},
    # Fibrinogen: mass concentration only (1 g/L = 100 mg/dL).
    "fibrinogen": {"g/l": 1.0, "mg/dl": 0.01, "g/dl": 10.0},
    "hemoglobin": {"g/dl": 1.0, "g/l": 0.1, "mmol/l": 1.611},
    "electrolyte": _MONOVALENT,
    "magnesium": {"mg/dl": 1.0, "mmol/l": 2.4305, "meq/l": 1.21525},
    "phosphate": {"mg/dl": 1.0, "mmol/l": 3.097},
    "uric_acid": {"mg/dl": 1.0, "umol/l": 1 / 59.48, "mmol/l": 16.811},
    "lactate": {"mmol/l": 1.0, "mg/dl": 1 / 9.008},
    "pressure": {"mmhg": 1.0, "kpa": 7.50062, "cmh2o": 0.735559},
    "rate": {"/min": 1.0, "beats/min": 1.0, "bpm": 1.0, "breaths/min": 1.0, "min⁻¹": 1.0},
    "time_ms": {"ms": 1.0, "msec": 1.0, "s": 1000.0, "sec": 1000.0},
    "duration": {
        "h": 1.0,
        "hr": 1.0,
        "hours": 1.0,
        "min": 1 / 60,
        "d": 24.0,
        "days": 24.0,
        "hrs": 1.0,
        "hour": 1.0,
        "minutes": 1 / 60,
        "mins": 1 / 60,
        "day": 24.0,
    },
    "age": {"years": 1.0, "year": 1.0, "yr": 1.0, "y": 1.0, "months": 1 / 12, "month": 1 / 12},
    "count_per_ul": {
        "/ul": 1.0,
        "cells/ul": 1.0,
        "/mm3": 1.0,
        "cells/mm3": 1.0,
        "10^3/ul": 1000.0,
        "k/ul": 1000.0,
        "10^9/l": 1000.0,
        "x10^9/l": 1000.0,
        "10³/ul": 1000.0,
        "/l": 1e-6,
    },
    "thousand_per_ul": {
        "10^3/ul": 1.0,
        "k/ul": 1.0,
        "10^9/l": 1.0,
        "x10^9/l": 1.0,
        "10³/ul": 1.0,
        "/ul": 0.001,
        "/mm3": 0.001,
        "cells/ul": 0.001,
        "cells/mm3": 0.001,
        "1000/ul": 1.0,
        # Added for counts written as x10^3/µL or per litre (MedCalc-Bench).
        "x10^3/ul": 1.0,
        "x10³/ul": 1.0,
        "10^3/mm3": 1.0,
        "k/mm3": 1.0,
        "/l": 1e-9,
        "cells/l": 1e-9,
    },
    "enzyme": {"u/l": 1.0, "iu/l": 1.0, "ukat/l": 60.0},
    "percent": {"%": 1.0, "fraction": 100.0},
    "fio2": {"fraction": 1.0, "%": 0.01},
    "volume": {"ml": 1.0, "l": 1000.0, "dl": 100.0},
    "flow": {"ml/min": 1.0, "l/min": 1000.0},
    # Infusion and effluent rates (SI definitions: 1 L = 1000 mL, 1 h = 60 min).
    "infusion_rate": {"ml/h": 1.0, "ml/hr": 1.0, "l/h": 1000.0, "l/hr": 1000.0, "ml/min": 60.0},
    # Lengths measured on images (echo dimensions, velocity-time integrals): SI prefixes.
    "length": {"cm": 1.0, "mm": 0.1, "m": 100.0},
    # Doppler blood-flow velocities (SI prefixes: 1 m/s = 100 cm/s = 1000 mm/s).
    "velocity": {"m/s": 1.0, "cm/s": 0.01, "mm/s": 0.001},
    # ECG amplitudes at standard calibration (10 mm = 1 mV): 1 mV = 10 mm.
    "ecg_amplitude": {"mm": 1.0, "mv": 10.0},
    # C-reactive protein: 1 mg/dL = 10 mg/L (mass concentration, no molar mass involved).
    "crp": {"mg/l": 1.0, "mg/dl": 10.0},
    "urine_sodium": _MONOVALENT,
    "osmolality": {"mosm/kg": 1.0, "mosm/l": 1.0, "mmol/kg": 1.0},
    "dose_mg": {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "ug": 0.001},
    "bsa": {"m²": 1.0},
    "insulin": {"uiu/ml": 1.0, "uu/ml": 1.0, "mu/l": 1.0, "pmol/l": 1 / 6.0},
    "inr": {"": 1.0, "ratio": 1.0},
    # eGFR is reported per 1.73 m² body surface; trial criteria often write plain "mL/min" for
    # the same quantity (KDIGO 2012 CKD guideline, ch. 1), so both spellings map to one unit.
    "egfr": {"ml/min/1.73m²": 1.0, "ml/min": 1.0},
    "dimensionless": {"": 1.0},
    # Vasoactive infusion rates (SOFA); fentanyl patch delivery rate (MME, CDC 2022);
    # daily urine output (SOFA renal); body mass index (Caprini, target weight).
    "infusion": {"mcg/kg/min": 1.0, "ug/kg/min": 1.0, "mg/kg/min": 1000.0},
    "dose_rate": {"mcg/h": 1.0, "mcg/hr": 1.0, "ug/h": 1.0, "ug/hr": 1.0, "mg/h": 1000.0},
    "volume_per_day": {
        "ml/day": 1.0,
        "ml/d": 1.0,
        "ml/24h": 1.0,
        "ml/24hr": 1.0,
        "l/day": 1000.0,
        "l/d": 1000.0,
    },
    "bmi": {"kg/m²": 1.0, "kg/m^2": 1.0},
    # Absorbed radiation dose (SI: 1 Gy = 1 J/kg = 100 cGy = 100 rad); radiotherapy BED/EQD2.
    "radiation_dose": {"gy": 1.0, "cgy": 0.01, "rad": 0.01},
    # Red cell counts in millions per µL (1 × 10⁶/µL = 1 × 10¹²/L, SI prefixes) and mean
    # corpuscular volume (1 fL = 1 µm³): Mentzer index, reticulocyte counts.
    "million_per_ul": {
        "10^6/ul": 1.0,
        "x10^6/ul": 1.0,
        "m/ul": 1.0,
        "million/ul": 1.0,
        "10^12/l": 1.0,
        "x10^12/l": 1.0,
        "/ul": 1e-6,
        "cells/ul": 1e-6,
        "/mm3": 1e-6,
    },
    "cell_volume": {"fl": 1.0, "um3": 1.0},
    # C-peptide: human proinsulin C-peptide, 31 residues, molar mass 3020.3 g/mol, so
    # 1 nmol/L = 3.0203 ng/mL and 1 pmol/L = 0.0030203 ng/mL (1 ng/mL = 0.331 nmol/L).
    "c_peptide": {"ng/ml": 1.0, "ug/l": 1.0, "nmol/l": 3.0203, "pmol/l": 0.0030203},
}


def _same(v: float) -> float:
    return v


_Affine = tuple[Callable[[float], float], Callable[[float], float]]
_CELSIUS: _Affine = (_same, _same)
_FAHRENHEIT: _Affine = (lambda v: (v - 32) * 5 / 9, lambda v: v * 9 / 5 + 32)

# Affine kinds: each unit's (to base unit, from base unit) functions; the base is the first key.
_AFFINE: dict[str, dict[str, _Affine]] = {
    # To °C: (°F − 32) × 5/9; kelvin − 273.15.
    "temperature": {
        "°c": _CELSIUS,
        "c": _CELSIUS,
        "degc": _CELSIUS,
        "°f": _FAHRENHEIT,
        "f": _FAHRENHEIT,
        "degf": _FAHRENHEIT,
        "k": (lambda v: v - 273.15, lambda v: v + 273.15),
    },
    # HbA1c to NGSP %: NGSP = 0.09148 × IFCC (mmol/mol) + 2.152 (IFCC–NGSP master equation,
    # Hoelzel et al., Clin Chem 2004;50:166–174; ngsp.org/ifccngsp.asp).
    "hba1c": {
        "%": (_same, _same),
        "mmol/mol": (lambda v: 0.09148 * v + 2.152, lambda v: (v - 2.152) / 0.09148),
    },
}

# Spellings the normalisation below does not reach (words, other prefixes for micro).
_ALIASES = {
    "kgs": "kg",
    "pounds": "lb",
    "centimeters": "cm",
    "meters": "m",
    "beats per minute": "bpm",
    "breaths per minute": "breaths/min",
    "mcmol/l": "umol/l",
    "liters": "l",
    "litres": "l",
}


def kinds() -> list[str]:
    """All quantity kinds this module converts."""
    return sorted([*_TABLES, *_AFFINE])


def accepted_units(kind: str) -> Iterable[str]:
    """The units accepted for ``kind`` (normalised spellings)."""
    if kind in _TABLES:
        return tuple(_TABLES[kind])
    if kind in _AFFINE:
        return tuple(_AFFINE[kind])
    raise UnitError(f"Unknown quantity kind {kind!r}; expected one of: {', '.join(kinds())}.")


def _canon_unit(unit: str) -> str:
    # Aliases are looked up as written (multi-word spellings) and again once normalised.
    u = _ALIASES.get(unit.strip(), unit)
    u = _norm(u)
    return _ALIASES.get(u, u)


def check_kind(kind: str, unit: str) -> None:
    """Raise :class:`UnitError` unless ``unit`` is a known unit of ``kind`` (used at import)."""
    if _canon_unit(unit) not in set(accepted_units(kind)):
        raise UnitError(
            f"Unit {unit!r} is not a unit of {kind!r}; "
            f"expected one of {list(accepted_units(kind))}."
        )


def convert(
    value: float, from_unit: str, to_unit: str, *, kind: str, field: str = "value"
) -> float:
    """Convert ``value`` between two units of the same kind.

    Raises:
        UnitError: If either unit is not a unit of ``kind``; the message names the field.
    """
    f, t = _canon_unit(from_unit), _canon_unit(to_unit)
    if f == t:
        return float(value)
    if kind in _AFFINE:
        affine = _AFFINE[kind]
        if f not in affine or t not in affine:
            raise UnitError(
                f"{field}: unit {from_unit!r} cannot be converted to {to_unit!r}; "
                f"expected one of {list(affine)}.",
                field=field,
            )
        return affine[t][1](affine[f][0](float(value)))
    table = _TABLES.get(kind)
    if table is None:
        raise UnitError(f"{field}: unknown quantity kind {kind!r}.", field=field)
    if f not in table or t not in table:
        bad = from_unit if f not in table else to_unit
        raise UnitError(
            f"{field}: unit {bad!r} is not a unit of {kind}; expected one of {list(table)}.",
            field=field,
        )
    return float(value) * table[f] / table[t]


_PAIR = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def to_canonical(raw: Any, *, kind: str, unit: str, field: str) -> float:
    """Turn an input in any accepted shape into a float in the canonical ``unit``.

    Accepted shapes: a number (already canonical), ``[value, unit]``, ``(value, unit)``,
    ``{"value": v, "unit": u}``, or a string ``"1.4 mg/dL"``.

    Raises:
        UnitError: For an unknown unit or a shape that is not a quantity; names the field.
    """
    if isinstance(raw, bool):
        raise UnitError(
            f"{field}: expected a number in {unit}, found a boolean {raw!r}.", field=field
        )
    if isinstance(raw, int | float):
        return float(raw)
    value: Any
    u: Any
    if isinstance(raw, list | tuple) and len(raw) == 2:
        value, u = raw
    elif isinstance(raw, dict) and "value" in raw:
        value, u = raw["value"], raw.get("unit", unit)
    elif isinstance(raw, str):
        m = _PAIR.match(raw)
        if not m:
            raise UnitError(
                f"{field}: expected a number with a unit such as '1.4 {unit}', found {raw!r}.",
                field=field,
            )
        value, u = float(m.group(1)), (m.group(2) or unit)
    else:
        raise UnitError(
            f"{field}: expected a number in {unit} or [value, unit], found {raw!r}.", field=field
        )
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise UnitError(
            f"{field}: expected a numeric value, found {value!r}.", field=field
        ) from None
    return convert(value, str(u), unit, kind=kind, field=field)
