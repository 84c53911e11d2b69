"""Phoenix Sepsis Score (pediatric sepsis and septic shock, 2024 international consensus).

The score sums four organ subscores: respiratory (0-3), cardiovascular (0-6), coagulation (0-2)
and neurological (0-2). Sepsis is a suspected infection with a score ≥ 2; septic shock is sepsis
with ≥ 1 cardiovascular point.

Every cut-off below was read in the Phoenix Sepsis Score table of Schlapbach 2024 as reproduced
in the Japanese Clinical Practice Guidelines for Management of Sepsis and Septic Shock 2024
(J Intensive Care 2025, table 6) and in UpToDate's copy of the same table (its footnote: SpO2:FiO2
only with SpO2 ≤ 97%; the score may be computed with some variables unmeasured, which then score
0). The organ-system layout (sum of 4 subscores; sepsis = infection + score ≥ 2; shock = sepsis +
cardiovascular ≥ 1) was also read in the vignette of the CRAN package ``phoenix`` (the task
force's reference software).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, first_number
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="phoenix_sepsis_score",
    name="Phoenix Sepsis Score",
    synonyms=("Phoenix Sepsis Criteria", "Phoenix pediatric sepsis score", "PSS"),
    category="pediatrics",
    source="Schlapbach LJ, Watson RS, Sorce LR, et al. International Consensus Criteria for "
    "Pediatric Sepsis and Septic Shock. JAMA. 2024;331(8):665-674.",
    doi="10.1001/jama.2024.0179",
    output_type="integer",
    description="Pediatric organ-dysfunction score (0-13) from respiratory, cardiovascular, "
    "coagulation and neurological findings; with suspected infection, ≥ 2 points is sepsis and "
    "sepsis with any cardiovascular point is septic shock.",
)

AgeGroup = Literal[
    "under_1_month",
    "1_to_11_months",
    "1_to_under_2_years",
    "2_to_under_5_years",
    "5_to_under_12_years",
    "12_to_17_years",
]

#: MAP bands by age (Phoenix table): MAP below ``low`` scores 2, ``low``-``high`` (inclusive)
#: scores 1, above ``high`` scores 0 (mmHg).
MAP_BANDS: dict[str, tuple[float, float]] = {
    "under_1_month": (17, 30),
    "1_to_11_months": (25, 38),
    "1_to_under_2_years": (31, 43),
    "2_to_under_5_years": (32, 44),
    "5_to_under_12_years": (36, 48),
    "12_to_17_years": (38, 51),
}

AGE_LABELS: dict[str, str] = {
    "under_1_month": "< 1 month",
    "1_to_11_months": "1-11 months",
    "1_to_under_2_years": "1 to < 2 years",
    "2_to_under_5_years": "2 to < 5 years",
    "5_to_under_12_years": "5 to < 12 years",
    "12_to_17_years": "12-17 years",
}


class Inputs(QuantityInputs):
    """Inputs of the Phoenix Sepsis Score (worst values; unmeasured values score 0)."""

    age_group: AgeGroup = Field(
        description="Age group for the MAP bands: under_1_month, 1_to_11_months, "
        "1_to_under_2_years, 2_to_under_5_years, 5_to_under_12_years, 12_to_17_years"
    )
    respiratory_support: bool = Field(
        description="On any respiratory support (oxygen, HFNC, NIV or IMV); without support the "
        "respiratory subscore is 0"
    )
    invasive_ventilation: bool = Field(
        description="Invasive mechanical ventilation (IMV), needed for 2 or 3 respiratory points"
    )
    pao2: float | None = quantity(
        "pressure", "mmHg", ge=10, le=700, default=None, description="PaO2 (optional)"
    )
    spo2: float | None = quantity(
        "percent", "%", ge=30, le=100, default=None, description="SpO2 (optional; used ≤ 97%)"
    )
    fio2: float | None = quantity(
        "fio2",
        "fraction",
        ge=0.21,
        le=1.0,
        default=None,
        description="FiO2 (needed with PaO2 or SpO2)",
    )
    vasoactive_medications: int = Field(
        ge=0, le=10, description="Number of systemic vasoactive medications (1: +1, ≥ 2: +2)"
    )
    lactate: float | None = quantity(
        "lactate", "mmol/L", ge=0, le=40, default=None, description="Lactate (optional)"
    )
    mean_arterial_pressure: float | None = quantity(
        "pressure", "mmHg", ge=5, le=200, default=None, description="Mean arterial pressure"
    )
    platelets: float | None = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=2000, default=None, description="Platelets (< 100)"
    )
    inr: float | None = Field(None, ge=0.5, le=20, description="INR (> 1.3 scores 1)")
    d_dimer_mg_l_feu: float | None = Field(
        None, ge=0, le=200, description="D-dimer in mg/L FEU (> 2 scores 1)"
    )
    fibrinogen: float | None = quantity(
        "fibrinogen", "mg/dL", ge=0, le=2000, default=None, description="Fibrinogen (< 100)"
    )
    gcs: int | None = Field(None, ge=3, le=15, description="Glasgow Coma Scale (≤ 10 scores 1)")
    pupils_fixed_bilaterally: bool = Field(description="Both pupils fixed (scores 2)")
    suspected_infection: bool | None = Field(
        None, description="Suspected or confirmed infection (for the sepsis / septic shock call)"
    )


def respiratory_points(i: Inputs) -> tuple[int, str]:
    """Respiratory subscore (0-3) from PaO2:FiO2 and SpO2:FiO2 (the worse of the two)."""
    if not i.respiratory_support and not i.invasive_ventilation:
        return 0, "no respiratory support"
    pf = None if i.pao2 is None or i.fio2 is None else i.pao2 / i.fio2
    # SpO2:FiO2 is only valid with SpO2 ≤ 97% (Phoenix table footnote).
    sf = None if i.spo2 is None or i.fio2 is None or i.spo2 > 97 else i.spo2 / i.fio2
    pts = 0
    if pf is not None:
        # PaO2:FiO2 < 400 on any support: 1; 100-200 with IMV: 2; < 100 with IMV: 3.
        p = 1 if pf < 400 else 0
        if i.invasive_ventilation and pf <= 200:
            p = 3 if pf < 100 else 2
        pts = max(pts, p)
    if sf is not None:
        # SpO2:FiO2 < 292 on any support: 1; 148-220 with IMV: 2; < 148 with IMV: 3.
        p = 1 if sf < 292 else 0
        if i.invasive_ventilation and sf <= 220:
            p = 3 if sf < 148 else 2
        pts = max(pts, p)
    shown = ", ".join(x for x in (pf and f"PaO2:FiO2 {pf:.0f}", sf and f"SpO2:FiO2 {sf:.0f}") if x)
    return pts, shown or "no PaO2/SpO2 with FiO2 (scores 0)"


def map_points(age_group: str, mean_arterial_pressure: float | None) -> int:
    """MAP points (0-2) for the age group; an unmeasured MAP scores 0."""
    if mean_arterial_pressure is None:
        return 0
    low, high = MAP_BANDS[age_group]
    if mean_arterial_pressure < low:
        return 2
    return 1 if mean_arterial_pressure <= high else 0


def compute(inputs: Inputs) -> CalcResult:
    """Sum the four Phoenix subscores and classify sepsis / septic shock."""
    i = inputs
    s = Score()
    resp, resp_detail = respiratory_points(i)
    s.add("Respiratory (0-3)", resp_detail, resp)
    vaso = min(i.vasoactive_medications, 2)
    s.add("Vasoactive medications (1: +1, ≥ 2: +2)", i.vasoactive_medications, vaso)
    lac = 0 if i.lactate is None else 2 if i.lactate >= 11 else 1 if i.lactate >= 5 else 0
    s.add("Lactate (5-10.9: +1, ≥ 11 mmol/L: +2)", i.lactate, lac)
    low, high = MAP_BANDS[i.age_group]
    mp = map_points(i.age_group, i.mean_arterial_pressure)
    s.add(
        f"MAP for {AGE_LABELS[i.age_group]} ({low:g}-{high:g}: +1, < {low:g}: +2)",
        i.mean_arterial_pressure,
        mp,
    )
    cardio = vaso + lac + mp
    coag_flags = [
        i.platelets is not None and i.platelets < 100,
        i.inr is not None and i.inr > 1.3,
        i.d_dimer_mg_l_feu is not None and i.d_dimer_mg_l_feu > 2,
        i.fibrinogen is not None and i.fibrinogen < 100,
    ]
    coag = min(sum(coag_flags), 2)  # 1 point each, at most 2.
    s.add(
        "Coagulation: platelets < 100, INR > 1.3, D-dimer > 2, fibrinogen < 100 (max 2)",
        f"{sum(coag_flags)} abnormal",
        coag,
    )
    neuro = 2 if i.pupils_fixed_bilaterally else 1 if i.gcs is not None and i.gcs <= 10 else 0
    s.add("Neurological (GCS ≤ 10: +1; fixed pupils: +2)", f"GCS {i.gcs}", neuro)
    total = int(s.total)
    missing = [
        name
        for name, v in (
            ("PaO2/SpO2", i.pao2 if i.pao2 is not None else i.spo2),
            ("lactate", i.lactate),
            ("MAP", i.mean_arterial_pressure),
            ("platelets", i.platelets),
            ("INR", i.inr),
            ("D-dimer", i.d_dimer_mg_l_feu),
            ("fibrinogen", i.fibrinogen),
            ("GCS", i.gcs),
        )
        if v is None
    ]
    warnings = []
    if missing:
        warnings.append(
            "Not measured (scored 0, as the Phoenix criteria allow): " + ", ".join(missing) + "."
        )
    if i.suspected_infection is None:
        category = f"Phoenix Sepsis Score {total}"
        text = f"{category}; sepsis needs a suspected infection and ≥ 2 points."
    elif not i.suspected_infection:
        category = "No sepsis (no suspected infection)"
        text = f"{category}; Phoenix Sepsis Score {total}."
    elif total >= 2 and cardio >= 1:
        category = "Septic shock"
        text = f"Septic shock: suspected infection, score {total} ≥ 2, cardiovascular {cardio} ≥ 1."
    elif total >= 2:
        category = "Sepsis"
        text = f"Sepsis: suspected infection and score {total} ≥ 2 (no cardiovascular point)."
    else:
        category = "Does not meet Phoenix sepsis criteria"
        text = f"{category}: score {total} < 2."
    steps = [
        *s.steps,
        Step(label="Cardiovascular subscore (0-6)", value=cardio),
        Step(label="Category", value=category),
    ]
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=text,
        steps=steps,
        warnings=warnings,
        extra={
            "respiratory": resp,
            "cardiovascular": cardio,
            "coagulation": coag,
            "neurological": neuro,
            "category": category,
        },
    )


# ----------------------------------------------------------------------------- MedMCP-Calc

_AGE_OPTIONS: dict[str, tuple[str, ...]] = {
    "under_1_month": ("less than 1 month", "lt 1 month", "under 1 month", "neonate"),
    "1_to_11_months": ("1 11 months", "1 to 11 months", "infant"),
    "1_to_under_2_years": ("1 to lt 2 years", "1 2 years", "1 year"),
    "2_to_under_5_years": ("2 to lt 5 years", "2 5 years"),
    "5_to_under_12_years": ("5 to lt 12 years", "5 12 years"),
    "12_to_17_years": ("12 to 17 years", "12 17 years", "adolescent"),
}


def age_group_from_years(years: float) -> str:
    """The Phoenix MAP age group of an age in years (months as twelfths)."""
    if years < 1 / 12:
        return "under_1_month"
    for upper, key in ((1, "1_to_11_months"), (2, "1_to_under_2_years"), (5, "2_to_under_5_years")):
        if years < upper:
            return key
    return "5_to_under_12_years" if years < 12 else "12_to_17_years"


def _age_group(f: Fields) -> str:
    """An age ('3 years', '10 days') or an age-group option → the Phoenix age group."""
    field, value = f.raw("age")
    text = str(value).lower()
    units = (("day", 365.25), ("week", 365.25 / 7), ("month", 12.0), ("year", 1.0))
    if not any(sep in text for sep in (" to ", "<", "-", "–")):
        for word, per_year in units:
            if word in text or (word == "year" and text.strip().replace(".", "").isdigit()):
                return age_group_from_years(first_number(value, field=field) / per_year)
    return f.option("age", options=_AGE_OPTIONS)


def _vasoactive_count(f: Fields) -> int:
    """'2 (norepinephrine, epinephrine)' → 2; 'Yes (dopamine)' → 1; 'None' / 'No' → 0."""
    if not f.has("vasoactive"):
        return 0
    field, value = f.raw("vasoactive")
    try:
        return int(first_number(value, field=field))
    except MedMCPInputError:
        return 1 if f.yes("vasoactive") else 0


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Phoenix inputs → Inputs (absent measurements stay unmeasured)."""
    f = Fields(inputs, META.id)

    def opt_quantity(*keys: str) -> Any:
        return f.quantity(*keys) if f.has(*keys) else None

    def opt_yes(*keys: str) -> bool:
        return f.yes(*keys) if f.has(*keys) else False

    imv = opt_yes("invasive mechanical", "imv", "intubated")
    out: dict[str, Any] = {
        "age_group": _age_group(f),
        "invasive_ventilation": imv,
        "respiratory_support": imv or opt_yes("respiratory support", "oxygen"),
        "pao2": opt_quantity("pao2"),
        "spo2": opt_quantity("spo2"),
        "fio2": opt_quantity("fio2"),
        "vasoactive_medications": _vasoactive_count(f),
        "lactate": opt_quantity("lactate"),
        "mean_arterial_pressure": opt_quantity("mean arterial", "map"),
        "platelets": opt_quantity("platelet"),
        "inr": f.number("inr") if f.has("inr") else None,
        "d_dimer_mg_l_feu": f.number("d dimer") if f.has("d dimer") else None,
        "fibrinogen": opt_quantity("fibrinogen"),
        "gcs": int(f.number("glasgow", "gcs")) if f.has("glasgow", "gcs") else None,
        "pupils_fixed_bilaterally": opt_yes("pupils", "fixed pupils"),
    }
    if f.has("infection"):
        out["suspected_infection"] = f.yes("infection")
    return out
