"""What the CDC 2000 growth-chart percentile calculators share: LMS look-up, z-score, result.

Method (CDC, "Percentile Data Files with LMS Values", www.cdc.gov/growthcharts/
percentile_data_files.htm; Kuczmarski RJ et al., Vital Health Stat 11(246), 2002):

- Z = ((X/M)^L - 1) / (L*S) when L != 0, Z = ln(X/M) / S when L = 0; percentile = Phi(Z).
- The tables give L, M, S at "the half month point for the entire month; for example, 1.5 months
  represents 1.0-1.99 months ... The only exception is birth, which represents the point at
  birth". CDC's worked example reads a "9-month-old male" from the 9.5 row. That row of the
  completed month is the default here; CDC states the convention for ages, and the
  weight-for-length table (45, 45.5, 46.5 ... 103.5 cm) is read the same way by analogy
  (71.5 cm for 71.0-71.99 cm), as MDCalc's tool does. "To obtain L, M, and S values at finer
  age or length/stature intervals, interpolation could be used": with ``interpolate`` the L, M
  and S are interpolated linearly at the exact age or length between the neighbouring rows,
  as CDC's SAS program (cdc-source-code.sas) does.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from statistics import NormalDist
from typing import Any, Protocol

from pydantic import BaseModel, Field

from m3agent.calculators.base import CalcResult, QuantityInputs, Step, quantity
from m3agent.calculators.library import _cdc_lms
from m3agent.calculators.library import _medmcp_fields as mf
from m3agent.calculators.library._cdc_lms import Table

#: Sex codes of the CDC files.
SEX_CODE = {"male": 1, "female": 2}

#: CDC: "the World Health Organization (WHO) growth charts are recommended for children <24
#: months of age" (A SAS Program for the 2000 CDC Growth Charts, www.cdc.gov/nccdphp/dnpao/
#: growthcharts/resources/sas.htm).
WHO_UNDER_24_MONTHS = (
    "CDC recommends the WHO growth charts for children under 24 months; this is the CDC 2000 "
    "reference."
)


def source(data_file: str) -> str:
    """The citation of a CDC 2000 percentile calculator whose LMS values are in ``data_file``."""
    return (
        "Kuczmarski RJ, Ogden CL, Guo SS, et al. 2000 CDC growth charts for the United States: "
        "methods and development. National Center for Health Statistics. Vital Health Stat "
        f"11(246). 2002. LMS values: CDC data file {data_file}."
    )


#: Why the MedMCP-Calc answers (MDCalc's display) differ from these calculators' percentiles.
ROUNDED_Z_ERRATUM = (
    "MDCalc converts the z-score rounded to 2 decimals into the percentile (notes: Z {z}, "
    "percentile {shown} = 100·Φ({z})); CDC's method takes Φ of the unrounded z, which moves "
    "the third decimal the task displays. Same LMS row and z to 2 decimals here; with the z "
    "rounded as MDCalc does, the answer is reproduced exactly (tests/test_calc_s3_growth.py)."
)


def rounded_z_errata(
    rows: Iterable[tuple[str, int, str, str]],
) -> dict[tuple[str, int], str]:
    """``MEDMCP_ERRATA`` entries (task_id, order) → :data:`ROUNDED_Z_ERRATUM` for each row.

    Args:
        rows: (task_id, order, z as the notes print it, percentile as the task shows it).
    """
    return {
        (task, order): ROUNDED_Z_ERRATUM.format(z=z, shown=shown) for task, order, z, shown in rows
    }


def interpolate_field(x: str = "age", row: str = "completed month") -> Any:
    """The ``interpolate`` input: L, M, S at the exact ``x`` instead of the ``row``'s row."""
    return Field(
        False,
        description=f"Interpolate L, M, S at the exact {x} (CDC SAS program) instead of "
        f"reading the row of the {row} (CDC data-file convention)",
    )


class LMS(BaseModel):
    """The L, M, S parameters used for one measurement and where they came from.

    Attributes:
        l: Box-Cox power.
        m: Median.
        s: Generalised coefficient of variation.
        row: How the parameters were read (the grid row, or the interpolation).
    """

    l: float  # noqa: E741 (CDC's name for the Box-Cox power)
    m: float
    s: float
    row: str


def grid_row(x: float, *, birth_row: bool) -> float:
    """The CDC row whose interval holds ``x``: the half-unit point of its whole unit.

    Args:
        x: Age in months or length in cm.
        birth_row: Whether the table has a birth row that stands for age 0 exactly.
    """
    if birth_row and x == 0:
        return 0.0
    return math.floor(x) + 0.5


def lms_at(table: Table, sex: str, x: float, *, interpolate: bool, birth_row: bool) -> LMS:
    """Read L, M, S for ``sex`` at ``x`` (age in months or length in cm) from a CDC table.

    Args:
        table: A table of :mod:`._cdc_lms`.
        sex: ``male`` or ``female``.
        x: The age (months) or length (cm).
        interpolate: Interpolate linearly at the exact ``x`` instead of reading the row of
            the completed month / centimetre.
        birth_row: Whether the table's first row is the point at birth.

    Raises:
        ValueError: If ``x`` lies outside the table's grid (the inputs' ranges prevent this).
    """
    rows = table[SEX_CODE[sex]]
    first, last = rows[0][0], rows[-1][0]
    if not first <= x <= last + 0.5:
        raise ValueError(f"{x:g} is outside the CDC table ({first:g} to {last:g}).")
    if interpolate:
        if x >= last:
            _, lam, med, cv = rows[-1]
            return LMS(l=lam, m=med, s=cv, row=f"last row {last:g} (no row beyond it)")
        for (x0, l0, m0, s0), (x1, l1, m1, s1) in zip(rows, rows[1:], strict=False):
            if x0 <= x <= x1:
                f = (x - x0) / (x1 - x0)
                return LMS(
                    l=l0 + f * (l1 - l0),
                    m=m0 + f * (m1 - m0),
                    s=s0 + f * (s1 - s0),
                    row=f"interpolated at {x:g} between rows {x0:g} and {x1:g}",
                )
    want = grid_row(x, birth_row=birth_row)
    for gx, lam, med, cv in rows:
        if gx == want:
            return LMS(l=lam, m=med, s=cv, row=f"row {gx:g}")
    # Only the table's end point (240 months, 103.x cm beyond the last half-unit) lands here.
    _, lam, med, cv = rows[-1]
    return LMS(l=lam, m=med, s=cv, row=f"row {last:g} (end of the table)")


def z_score(x: float, lms: LMS) -> float:
    """CDC's LMS z-score: ((X/M)^L - 1) / (L*S), or ln(X/M)/S when L is 0."""
    if lms.l == 0:
        return math.log(x / lms.m) / lms.s
    return ((x / lms.m) ** lms.l - 1) / (lms.l * lms.s)


def percentile(z: float) -> float:
    """The percentile of a z-score: 100 * Phi(z), the standard normal distribution."""
    return 100 * NormalDist().cdf(z)


def growth_result(
    calculator: str,
    *,
    measurement: str,
    value: float,
    unit: str,
    lms: LMS,
    chart: str,
    interpret: Callable[[float], str] | None = None,
    warnings: list[str] | None = None,
) -> CalcResult:
    """The result of a CDC percentile calculator: the percentile, with z and LMS as steps.

    Args:
        calculator: The calculator id.
        measurement: The measurement's name (``Length``).
        value: The measurement in ``unit``.
        unit: Its unit (``cm``, ``kg``).
        lms: The L, M, S used.
        chart: The CDC chart and sex the parameters come from (``lenageinf, male``).
        interpret: A reading of the percentile, when the published tool gives one.
        warnings: Caveats to pass on.
    """
    z = z_score(value, lms)
    pct = percentile(z)
    reading = interpret(pct) if interpret else None
    text = f"{pct:.3f}th percentile (z = {z:.2f})"
    return CalcResult(
        calculator=calculator,
        value=round(pct, 3),
        unit="%",
        interpretation=f"{reading}; {text}" if reading else text[0].upper() + text[1:],
        steps=[
            Step(label=measurement, value=value, detail=unit),
            Step(
                label="LMS parameters",
                value=f"L={lms.l:.6g}, M={lms.m:.6g}, S={lms.s:.6g}",
                detail=f"CDC {chart}, {lms.row}",
            ),
            Step(label="Z-score", value=round(z, 4), detail="((X/M)^L - 1) / (L·S)"),
            Step(label="Percentile", value=round(pct, 3), detail="100 × Φ(z)"),
        ],
        warnings=warnings or [],
        extra={"z_score": round(z, 4), "L": lms.l, "M": lms.m, "S": lms.s, "lms_row": lms.row},
    )


def band_reading(
    low: float, high: float, below: str, normal: str, above: str
) -> Callable[[float], str]:
    """A reading of a percentile by the bands MDCalc's tool displays (``≥low and <high``)."""

    def read(pct: float) -> str:
        if pct < low:
            return f"Percentile < {low:g}: {below}"
        if pct >= high:
            return f"Percentile ≥ {high:g}: {above}"
        return f"Percentile ≥{low:g} and <{high:g}: {normal}"

    return read


def medmcp_fields(inputs: list[dict[str, Any]], calculator: str) -> mf.Fields:
    """The MedMCP-Calc inputs of one item, searchable by key words."""
    return mf.Fields(inputs, calculator)


class StatureForAgeInputs(QuantityInputs):
    """Inputs of a CDC stature-for-age percentile (2 to 20 years)."""

    age: float = quantity("age", "months", ge=24, le=240, description="Age (24 to 240 months)")
    height: float = quantity("height", "cm", ge=50, le=230, description="Standing height (stature)")
    interpolate: bool = interpolate_field()


class WeightForAgeInputs(QuantityInputs):
    """Inputs of a CDC weight-for-age percentile (2 to 20 years)."""

    age: float = quantity("age", "months", ge=24, le=240, description="Age (24 to 240 months)")
    weight: float = quantity("weight", "kg", ge=5, le=250, description="Body weight")
    interpolate: bool = interpolate_field()


# The bands MDCalc's stature tool displays ("Percentile ≥5 and <95: Normal stature").
_STATURE_READING = band_reading(
    5,
    95,
    below="short stature for age (below the 5th percentile)",
    normal="Normal stature",
    above="tall stature for age (at or above the 95th percentile)",
)


def stature_for_age(calculator: str, sex: str, inputs: StatureForAgeInputs) -> CalcResult:
    """Stature-for-age percentile with the CDC statage L, M, S of ``sex``."""
    lms = lms_at(
        _cdc_lms.STATURE_FOR_AGE, sex, inputs.age, interpolate=inputs.interpolate, birth_row=False
    )
    return growth_result(
        calculator,
        measurement="Height",
        value=inputs.height,
        unit="cm",
        lms=lms,
        chart=f"statage, {sex}",
        interpret=_STATURE_READING,
    )


def weight_for_age(calculator: str, sex: str, inputs: WeightForAgeInputs) -> CalcResult:
    """Weight-for-age percentile with the CDC wtage L, M, S of ``sex``."""
    lms = lms_at(
        _cdc_lms.WEIGHT_FOR_AGE, sex, inputs.age, interpolate=inputs.interpolate, birth_row=False
    )
    return growth_result(
        calculator,
        measurement="Weight",
        value=inputs.weight,
        unit="kg",
        lms=lms,
        chart=f"wtage, {sex}",
    )


def stature_from_medmcp(inputs: list[dict[str, Any]], calculator: str) -> dict[str, Any]:
    """MedMCP-Calc inputs (Age '24.0 months', Height '86.1 cm') → stature-for-age inputs."""
    f = medmcp_fields(inputs, calculator)
    return {
        "age": f.quantity("age", default_unit="months"),
        "height": f.quantity("height", "stature", default_unit="cm"),
    }


def weight_from_medmcp(inputs: list[dict[str, Any]], calculator: str) -> dict[str, Any]:
    """MedMCP-Calc inputs (Age '30.0 months', Weight '14.2 kg') → weight-for-age inputs."""
    f = medmcp_fields(inputs, calculator)
    return {
        "age": f.quantity("age", default_unit="months"),
        "weight": f.quantity("weight", default_unit="kg"),
    }


class InfantForAgeInputs(Protocol):
    """What :func:`infant_for_age` reads from an infant calculator's inputs."""

    sex: str
    age: float
    interpolate: bool


def infant_for_age(
    calculator: str,
    inputs: InfantForAgeInputs,
    *,
    table: Table,
    chart: str,
    measurement: str,
    value: float,
    interpret: Callable[[float], str] | None = None,
) -> CalcResult:
    """An infant (birth to 36 months) for-age percentile, read from a table with a birth row.

    Args:
        calculator: The calculator id.
        inputs: The sex, age (months) and interpolation choice.
        table: The CDC infant table of :mod:`._cdc_lms`.
        chart: The CDC file's name (``lenageinf``); the sex is appended.
        measurement: The measurement's name (``Length``).
        value: The measurement in cm.
        interpret: A reading of the percentile, when the published tool gives one.
    """
    lms = lms_at(table, inputs.sex, inputs.age, interpolate=inputs.interpolate, birth_row=True)
    return growth_result(
        calculator,
        measurement=measurement,
        value=value,
        unit="cm",
        lms=lms,
        chart=f"{chart}, {inputs.sex}",
        interpret=interpret,
        warnings=[WHO_UNDER_24_MONTHS] if inputs.age < 24 else [],
    )
