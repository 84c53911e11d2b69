"""A-HIPI: Advanced-Stage Hodgkin Lymphoma International Prognostic Index (5-year PFS and OS).

Two Cox proportional-hazards models from the HoLISTIC consortium (Rodday 2023), one for
progression-free survival and one for overall survival, with piecewise-linear splines for age
(knot at 30 years) and absolute lymphocyte count (knot at 2.0 × 10⁹/L). The 5-year survival is
``S0(5) ** exp(LP - LP_mean)``, where ``S0(5)`` is the baseline 5-year survival and ``LP_mean`` the
linear predictor the baseline refers to.

Where the numbers come from: the paper's abstract (read) names the predictors and the spline
approach but the stored copies hold no coefficient table. Every coefficient, knot, baseline
survival and centring constant below was read from an open-source reimplementation of the
consortium's online calculator (a Python calculator definition titled, in Russian,
"International prognostic index of Hodgkin lymphoma for advanced stages", citing doi
10.1200/JCO.22.02473, found in an offline index of public source code that does not name its
repository). That file gives albumin and haemoglobin in g/L and divides them by 10, i.e. the
models take g/dL; its input limits (age 18-65, albumin 10-60 g/L, haemoglobin 50-165 g/L,
lymphocytes 0.1-5.0 × 10⁹/L) are kept here as the accepted ranges. Check: the MedMCP-Calc dev
item (65 y, female, stage IIB, no bulk, albumin 4.0 g/dL, Hb 12.8 g/dL, lymphocytes
1.8 × 10⁹/L) gives 79.35% PFS and 90.51% OS with these constants, exactly the calculator output
the item records.
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._adapter_errors import AdapterError

META = CalculatorMeta(
    id="a_hipi",
    name="Advanced-Stage Hodgkin Lymphoma International Prognostic Index (A-HIPI)",
    synonyms=(
        "A-HIPI",
        "AHIPI",
        "Advanced-Stage Hodgkin Lymphoma International Prognostic Index",
        "Advanced-stage cHL International Prognostication Index",
    ),
    category="hematology",
    source=(
        "Rodday AM, Parsons SK, Upshaw JN, et al. The Advanced-Stage Hodgkin Lymphoma "
        "International Prognostic Index: Development and Validation of a Clinical Prediction "
        "Model From the HoLISTIC Consortium. J Clin Oncol. 2023;41(11):2076-2086 (erratum: "
        "J Clin Oncol. 2024;42(7):862). Coefficients as implemented in the consortium's online "
        "calculator (open-source reimplementation)."
    ),
    doi="10.1200/JCO.22.02473",
    pmid="36495588",
    output_type="decimal",
    unit="%",
    description="Predicted 5-year progression-free survival (the value) and 5-year overall "
    "survival (extra) for adults 18-65 with newly diagnosed advanced-stage (IIB-IV) classic "
    "Hodgkin lymphoma, from age, sex, stage, bulk, albumin, haemoglobin and lymphocyte count.",
)

Stage = Literal["IIB", "III", "IV"]

# --- PFS model (reimplementation of the HoLISTIC online calculator) -----------
_PFS_S0 = 0.778205  # baseline 5-year PFS
_PFS_LP_MEAN = -1.689394  # linear predictor the baseline refers to
_PFS_AGE = -0.0235349  # per year of age
_PFS_AGE_OVER_30 = 0.03754181  # per year above 30 (spline knot at 30 years)
_PFS_ALC = -0.25541601  # per 10⁹/L lymphocytes
_PFS_ALC_OVER_2 = 0.42244199  # per 10⁹/L above 2.0 (spline knot at 2.0 × 10⁹/L)
_PFS_ALBUMIN = -0.27362557  # per g/dL albumin
_PFS_STAGE = {"IIB": 0.0, "III": 0.18418918, "IV": 0.37651968}  # reference: stage IIB

# --- OS model (same source) ----------------------------------------------------------------
_OS_S0 = 0.9372773  # baseline 5-year OS
_OS_LP_MEAN = -3.515723  # linear predictor the baseline refers to
_OS_FEMALE = -0.23395617
_OS_STAGE_IV = 0.26580226  # stage IV versus IIB/III
_OS_BULK = 0.2903614
_OS_AGE = -0.02039509  # per year of age
_OS_AGE_OVER_30 = 0.06586394  # per year above 30
_OS_ALC = -0.46322696  # per 10⁹/L lymphocytes
_OS_ALC_OVER_2 = 0.83241075  # per 10⁹/L above 2.0
_OS_HEMOGLOBIN = -0.11580102  # per g/dL haemoglobin
_OS_ALBUMIN = -0.37859857  # per g/dL albumin

_AGE_KNOT = 30.0
_ALC_KNOT = 2.0


class Inputs(QuantityInputs):
    """Inputs of the A-HIPI (all required; the model has no optional predictor)."""

    age: float = quantity(
        "age", "years", ge=18, le=65, description="Age at diagnosis (model range 18-65)"
    )
    sex: Literal["female", "male"] = Field(description="Sex")
    stage: Stage = Field(description="Ann Arbor stage: IIB, III or IV (advanced stage only)")
    bulky_disease: bool = Field(description="Bulky disease at diagnosis")
    albumin: float = quantity("albumin", "g/dL", ge=1.0, le=6.0, description="Serum albumin")
    hemoglobin: float = quantity("hemoglobin", "g/dL", ge=5.0, le=16.5, description="Haemoglobin")
    lymphocytes: float = quantity(
        "thousand_per_ul",
        "10^9/L",
        ge=0.1,
        le=5.0,
        description="Absolute lymphocyte count",
    )


def _terms(
    steps: list[Step], prefix: str, terms: list[tuple[str, float | str, float, str]]
) -> float:
    """Add one step per linear-predictor term (its contribution as points) and return the sum."""
    total = 0.0
    for label, value, contribution, detail in terms:
        total += contribution
        steps.append(
            Step(
                label=f"{prefix}: {label}",
                value=value,
                points=round(contribution, 6),
                total=round(total, 6),
                detail=detail,
            )
        )
    return total


def _survival(s0: float, lp: float, lp_mean: float) -> float:
    """5-year survival in % from the baseline survival and the centred linear predictor."""
    return 100 * s0 ** math.exp(lp - lp_mean)


def compute(inputs: Inputs) -> CalcResult:
    """Both A-HIPI Cox models; the value is 5-year PFS, 5-year OS is in ``extra``."""
    i = inputs
    age_over = max(i.age - _AGE_KNOT, 0.0)
    alc_over = max(i.lymphocytes - _ALC_KNOT, 0.0)
    steps: list[Step] = []
    pfs_lp = _terms(
        steps,
        "PFS",
        [
            ("age", i.age, _PFS_AGE * i.age, f"{_PFS_AGE} × age"),
            ("age above 30", age_over, _PFS_AGE_OVER_30 * age_over, f"{_PFS_AGE_OVER_30} × …"),
            ("lymphocytes", i.lymphocytes, _PFS_ALC * i.lymphocytes, f"{_PFS_ALC} × ALC"),
            ("lymphocytes above 2.0", alc_over, _PFS_ALC_OVER_2 * alc_over, f"{_PFS_ALC_OVER_2}"),
            ("albumin (g/dL)", i.albumin, _PFS_ALBUMIN * i.albumin, f"{_PFS_ALBUMIN} × albumin"),
            ("stage", i.stage, _PFS_STAGE[i.stage], "reference stage IIB"),
        ],
    )
    female = 1.0 if i.sex == "female" else 0.0
    stage_iv = 1.0 if i.stage == "IV" else 0.0
    bulk = 1.0 if i.bulky_disease else 0.0
    os_lp = _terms(
        steps,
        "OS",
        [
            ("female sex", i.sex, _OS_FEMALE * female, f"{_OS_FEMALE} if female"),
            ("stage IV", i.stage, _OS_STAGE_IV * stage_iv, f"{_OS_STAGE_IV} if stage IV"),
            ("bulky disease", i.bulky_disease, _OS_BULK * bulk, f"{_OS_BULK} if bulky"),
            ("age", i.age, _OS_AGE * i.age, f"{_OS_AGE} × age"),
            ("age above 30", age_over, _OS_AGE_OVER_30 * age_over, f"{_OS_AGE_OVER_30} × …"),
            ("lymphocytes", i.lymphocytes, _OS_ALC * i.lymphocytes, f"{_OS_ALC} × ALC"),
            ("lymphocytes above 2.0", alc_over, _OS_ALC_OVER_2 * alc_over, f"{_OS_ALC_OVER_2}"),
            ("haemoglobin (g/dL)", i.hemoglobin, _OS_HEMOGLOBIN * i.hemoglobin, "per g/dL"),
            ("albumin (g/dL)", i.albumin, _OS_ALBUMIN * i.albumin, f"{_OS_ALBUMIN} × albumin"),
        ],
    )
    pfs = _survival(_PFS_S0, pfs_lp, _PFS_LP_MEAN)
    os5 = _survival(_OS_S0, os_lp, _OS_LP_MEAN)
    steps.append(
        Step(
            label="5-year PFS",
            value=round(pfs, 2),
            detail=f"100 × {_PFS_S0} ^ exp(LP − ({_PFS_LP_MEAN})), LP = {pfs_lp:.4f}",
        )
    )
    steps.append(
        Step(
            label="5-year OS",
            value=round(os5, 2),
            detail=f"100 × {_OS_S0} ^ exp(LP − ({_OS_LP_MEAN})), LP = {os_lp:.4f}",
        )
    )
    return CalcResult(
        calculator=META.id,
        value=round(pfs, 2),
        unit="%",
        interpretation=(
            f"Predicted 5-year progression-free survival {pfs:.2f}%; "
            f"predicted 5-year overall survival {os5:.2f}%."
        ),
        steps=steps,
        extra={
            "pfs_5y_percent": round(pfs, 2),
            "os_5y_percent": round(os5, 2),
            "pfs_linear_predictor": round(pfs_lp, 6),
            "os_linear_predictor": round(os_lp, 6),
        },
    )


# --- MedMCP-Calc adapter -------------------------------------------------------------------

_STAGE = re.compile(r"\b(iv|iii|ii|i|[1-4])\s*([ab])?\b")
_ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}


def _stage(value: Any) -> str:
    """Read 'Stage IIB', 'IIIA', 'Stage 4' as IIB, III or IV; earlier stages are refused."""
    text = mm.norm(str(value)).replace("stage", " ")
    m = _STAGE.search(text)
    if not m:
        raise AdapterError(f"expected an Ann Arbor stage (IIB, III or IV), found {value!r}.")
    roman = _ROMAN.get(m.group(1), m.group(1))
    if roman in ("iii", "iv"):
        return roman.upper()
    if roman == "ii" and m.group(2) == "b":
        return "IIB"
    raise AdapterError(
        f"the A-HIPI applies to advanced stage (IIB, III, IV) only; found {value!r}."
    )


def _sex(value: Any) -> str:
    t = mm.norm(str(value))
    if re.match(r"^(female|woman|f)\b", t):
        return "female"
    if re.match(r"^(male|man|m)\b", t):
        return "male"
    raise AdapterError(f"expected the sex (female or male), found {value!r}.")


def _bulk(value: Any) -> bool:
    t = mm.norm(str(value))
    if re.search(r"\bnon-?bulky\b|\bno\b|\bnot\b|\babsent\b|\bnone\b", t):
        return False
    if re.search(r"\bbulky?\b", t):
        return True
    return mm.yes(value)


def _lab(value: Any, unit: str, si_unit: str, si_above: float) -> list[Any]:
    """A lab as [value, unit]; a bare number above ``si_above`` is read in ``si_unit``."""
    n, u = mm.quantity(value, unit)
    if not isinstance(value, str) or re.fullmatch(r"\s*[\d.,]+\s*", value):
        return [n, si_unit if n > si_above else unit]
    return [n, u]


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc A-HIPI inputs → Inputs.

    Items read like ``Age: "65 years"``, ``Albumin: "4.0 g/dL"``, ``Bulk: "No bulky disease"``,
    ``Gender: "Female"``, ``Hemoglobin: "12.8 g/dL"``, ``Lymphocyte count: "1.8 x10^9/L"``,
    ``Stage: "Stage IIB"``. A bare albumin above 10 is read in g/L, a bare haemoglobin above
    25 in g/L and a bare lymphocyte count above 50 per µL (no adult value in the other unit
    reaches those numbers).
    """
    lymph = mm.get(inputs, r"lymph")
    n, unit = mm.cell_count(lymph)
    if not isinstance(lymph, str) or re.fullmatch(r"\s*[\d.,]+\s*", lymph):
        unit = "/uL" if n > 50 else "10^9/L"
    return {
        "age": mm.quantity(mm.get(inputs, r"\bage\b"), "years"),
        "sex": _sex(mm.get(inputs, r"\bsex\b|gender")),
        "stage": _stage(mm.get(inputs, r"stage")),
        "bulky_disease": _bulk(mm.get(inputs, r"bulk")),
        "albumin": _lab(mm.get(inputs, r"albumin"), "g/dL", "g/L", 10),
        "hemoglobin": _lab(mm.get(inputs, r"h(a)?emoglobin|\bhgb\b|\bhb\b"), "g/dL", "g/L", 25),
        "lymphocytes": [n, unit],
    }
