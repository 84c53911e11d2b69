"""Sequential Organ Failure Assessment (SOFA) score."""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="sofa",
    name="Sequential Organ Failure Assessment (SOFA) Score",
    synonyms=("SOFA", "SOFA score", "Sepsis-related Organ Failure Assessment"),
    category="critical care",
    source="Vincent JL, Moreno R, Takala J, et al. The SOFA (Sepsis-related Organ Failure "
    "Assessment) score to describe organ dysfunction/failure. Intensive Care Med. "
    "1996;22(7):707-710.",
    doi="10.1007/BF01709751",
    pmid="8844239",
    output_type="integer",
    medcalc_id=43,
    description="Organ dysfunction in six systems, 0-4 each (0-24).",
)


class Hemodynamics(Protocol):
    """The inputs cardiovascular SOFA reads (SOFA and mSOFA inputs both have them)."""

    mean_arterial_pressure: float | None
    map_below_70: bool | None
    dopamine: float
    dobutamine: float
    epinephrine: float
    norepinephrine: float


def mean_arterial_pressure_field() -> Any:
    """The optional MAP input of cardiovascular SOFA (mmHg)."""
    return quantity(
        "pressure",
        "mmHg",
        ge=10,
        le=250,
        default=None,
        description="Mean arterial pressure (or give map_below_70)",
    )


def map_below_70_field() -> Any:
    """The hypotension flag used when the MAP itself is not given."""
    return Field(None, description="Hypotension, MAP < 70 mmHg (when the MAP itself is not given)")


def vasopressor_field(drug: str, *, le: float) -> Any:
    """An optional vasoactive dose input in µg/kg/min (0 when the drug is not given)."""
    return quantity(
        "infusion", "mcg/kg/min", ge=0, le=le, default=0.0, description=f"{drug} dose (0 if none)"
    )


def check_cardiovascular(inputs: Hemodynamics, score: str) -> None:
    """Raise ``ValueError`` unless a MAP, the hypotension flag or a vasopressor dose is given.

    Args:
        inputs: The validated inputs.
        score: The score's name for the message ("SOFA", "mSOFA").
    """
    pressors = inputs.dopamine or inputs.dobutamine or inputs.epinephrine or inputs.norepinephrine
    if inputs.mean_arterial_pressure is None and inputs.map_below_70 is None and not pressors:
        raise ValueError(
            f"cardiovascular {score} needs mean_arterial_pressure, map_below_70 or "
            "a vasopressor dose"
        )


class Inputs(QuantityInputs):
    """Inputs of SOFA (worst values of the day)."""

    pao2: float = quantity("pressure", "mmHg", ge=10, le=700, description="PaO2")
    fio2: float = quantity("fio2", "fraction", ge=0.21, le=1.0, description="FiO2")
    mechanical_ventilation: bool = Field(
        description="On mechanical ventilation or CPAP (needed for respiratory 3-4 points)"
    )
    platelets: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=2000, description="Platelets"
    )
    gcs: int = Field(ge=3, le=15, description="Glasgow Coma Scale")
    bilirubin: float = quantity("bilirubin", "mg/dL", ge=0.1, le=80, description="Bilirubin")
    mean_arterial_pressure: float | None = mean_arterial_pressure_field()
    map_below_70: bool | None = map_below_70_field()
    dopamine: float = vasopressor_field("Dopamine", le=100)
    dobutamine: float = vasopressor_field("Dobutamine", le=100)
    epinephrine: float = vasopressor_field("Epinephrine", le=10)
    norepinephrine: float = vasopressor_field("Norepinephrine", le=10)
    creatinine: float | None = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, default=None, description="Creatinine"
    )
    urine_output: float | None = quantity(
        "volume_per_day", "mL/day", ge=0, le=20000, default=None, description="Urine output per day"
    )

    @model_validator(mode="after")
    def _needs(self) -> Inputs:
        check_cardiovascular(self, "SOFA")
        if self.creatinine is None and self.urine_output is None:
            raise ValueError("renal SOFA needs creatinine or urine_output")
        return self


def _respiration(ratio: float, ventilated: bool) -> int:
    # < 200 and < 100 score 3 and 4 only with respiratory support (Vincent 1996).
    if ratio < 100 and ventilated:
        return 4
    if ratio < 200 and ventilated:
        return 3
    if ratio < 300:
        return 2
    if ratio < 400:
        return 1
    return 0


def cardiovascular(inputs: Hemodynamics) -> tuple[int, str]:
    """Cardiovascular SOFA points and the criterion met (Vincent 1996, Table 1).

    Doses in µg/kg/min; the mSOFA (Grissom 2010) keeps this
    component unchanged, so it calls this function too.
    """
    dop, dob, epi, nor = (
        inputs.dopamine,
        inputs.dobutamine,
        inputs.epinephrine,
        inputs.norepinephrine,
    )
    if dop > 15 or epi > 0.1 or nor > 0.1:
        return 4, "dopamine > 15 or epinephrine > 0.1 or norepinephrine > 0.1"
    if dop > 5 or epi > 0 or nor > 0:
        return 3, "dopamine > 5 or epinephrine ≤ 0.1 or norepinephrine ≤ 0.1"
    if dop > 0 or dob > 0:
        return 2, "dopamine ≤ 5 or dobutamine (any dose)"
    low = (
        inputs.mean_arterial_pressure < 70
        if inputs.mean_arterial_pressure is not None
        else bool(inputs.map_below_70)
    )
    return (1, "MAP < 70 mmHg") if low else (0, "no hypotension")


def _renal(inputs: Inputs) -> int:
    cr_pts = 0
    if inputs.creatinine is not None:
        c = inputs.creatinine
        cr_pts = 4 if c >= 5 else 3 if c >= 3.5 else 2 if c >= 2 else 1 if c >= 1.2 else 0
    uo_pts = 0
    if inputs.urine_output is not None:
        u = inputs.urine_output
        uo_pts = 4 if u < 200 else 3 if u < 500 else 0
    return max(cr_pts, uo_pts)


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the six organ scores (Vincent 1996, Table 1)."""
    s = Score()
    ratio = inputs.pao2 / inputs.fio2
    s.add(
        "Respiration: PaO2/FiO2",
        round(ratio, 1),
        _respiration(ratio, inputs.mechanical_ventilation),
        "< 400: 1; < 300: 2; < 200 ventilated: 3; < 100 ventilated: 4",
    )
    p = inputs.platelets
    s.add(
        "Coagulation: platelets",
        p,
        4 if p < 20 else 3 if p < 50 else 2 if p < 100 else 1 if p < 150 else 0,
        "× 10³/µL: < 150: 1; < 100: 2; < 50: 3; < 20: 4",
    )
    b = inputs.bilirubin
    s.add(
        "Liver: bilirubin",
        b,
        4 if b >= 12 else 3 if b >= 6 else 2 if b >= 2 else 1 if b >= 1.2 else 0,
        "mg/dL: 1.2-1.9: 1; 2-5.9: 2; 6-11.9: 3; ≥ 12: 4",
    )
    cv_pts, cv_text = cardiovascular(inputs)
    s.add("Cardiovascular", cv_text, cv_pts)
    g = inputs.gcs
    s.add(
        "CNS: Glasgow Coma Scale",
        g,
        0 if g == 15 else 1 if g >= 13 else 2 if g >= 10 else 3 if g >= 6 else 4,
        "13-14: 1; 10-12: 2; 6-9: 3; < 6: 4",
    )
    s.add(
        "Renal: creatinine / urine output",
        f"Cr {inputs.creatinine}, UO {inputs.urine_output}",
        _renal(inputs),
        "Cr 1.2-1.9: 1; 2-3.4: 2; 3.5-4.9 or UO < 500 mL/d: 3; ≥ 5 or UO < 200: 4",
    )
    total = int(s.total)
    # Initial SOFA and mortality (Ferreira FL, et al. JAMA. 2001;286:1754-8): 0-6 < 10%,
    # 7-9 15-20%, 10-12 40-50%, 13-14 50-60%, 15 > 80%, 15-24 > 90%.
    mort = (
        "< 10%"
        if total <= 6
        else "15-20%"
        if total <= 9
        else "40-50%"
        if total <= 12
        else "50-60%"
        if total <= 14
        else "> 80%"
        if total == 15
        else "> 90%"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"SOFA {total}: ICU mortality {mort} for an initial score (Ferreira 2001).",
        steps=s.steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs.

    MAP from systolic and diastolic pressure when both are given, otherwise the row's
    'Hypotension' flag; mechanical ventilation or CPAP both count as respiratory support.
    """
    e = entities
    out: dict[str, Any] = {
        "pao2": mc.quantity(e, "Partial pressure of oxygen (PaO₂) for Apache II"),
        "fio2": mc.quantity(e, "FiO₂"),
        "mechanical_ventilation": mc.flag(
            e, "On mechanical ventilation", "Continous positive airway pressure"
        ),
        "platelets": mc.quantity(e, "Platelet count"),
        # The benchmark's explanations take an unreported GCS as 15.
        "gcs": int(mc.number(e, "Glasgow Coma Score", default=15)),
        "bilirubin": mc.quantity(e, "Bilirubin"),
    }
    if mc.has(e, "Systolic Blood Pressure") and mc.has(e, "Diastolic Blood Pressure"):
        out["mean_arterial_pressure"] = 2 / 3 * float(
            mc.number(e, "Diastolic Blood Pressure")
        ) + 1 / 3 * float(mc.number(e, "Systolic Blood Pressure"))
    else:
        out["map_below_70"] = mc.flag(e, "Hypotension")
    for name, key in (
        ("dopamine", "DOPamine"),
        ("dobutamine", "DOBUTamine"),
        ("epinephrine", "EPINEPHrine"),
        ("norepinephrine", "norEPINEPHrine"),
    ):
        if mc.has(e, key):
            out[name] = mc.quantity(e, key)
    if mc.has(e, "creatinine"):
        out["creatinine"] = mc.quantity(e, "creatinine")
    if mc.has(e, "Urine Output"):
        out["urine_output"] = mc.quantity(e, "Urine Output")
    return out


#: MedMCP-Calc answers that depart from the published SOFA (task id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_077_ac79114e", 2): (
        "final_answer 12 scores the cardiovascular system 0 (the item's MAP and vasoactive "
        "fields carry score 0) although norepinephrine 0.18 mcg/kg/min is > 0.1 and scores 4 "
        "(Vincent 1996); the published total is 16."
    ),
}

_PRESSORS = (
    ("norepinephrine", "norepinephrine"),
    ("epinephrine", "epinephrine"),
    ("dopamine", "dopamine"),
    ("dobutamine", "dobutamine"),
)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs.

    Vasoactive agents come as free text, e.g. 'Norepinephrine 0.08 mcg/kg/min (worst MAP 63
    mmHg pre-pressor)'; the MAP is the number of a MAP field that starts with one, else the
    number after 'MAP' in any cardiovascular text.
    """
    m = kw.KeywordInputs(inputs)
    fio2 = kw.parse_quantity(m.find("fio2"), "%")
    out: dict[str, Any] = {
        "pao2": kw.parse_number(m.find("pao2")),
        "fio2": [fio2[0], "%" if fio2[0] > 1 else "fraction"],
        "mechanical_ventilation": kw.parse_yes(m.find("ventilation")),
        "platelets": kw.parse_number(m.find("platelets")),
        "gcs": int(kw.parse_number(m.find("glasgow", "gcs"))),
        "bilirubin": kw.parse_quantity(m.find("bilirubin"), "mg/dL"),
        "creatinine": kw.parse_quantity(m.find("creatinine"), "mg/dL"),
    }
    cardio = [
        (n, str(v))
        for n, v in m.items
        if any(w in n for w in ("vaso", "arterial", "pressor", "map"))
    ]
    for name, word in _PRESSORS:
        for _, text in cardio:
            low = text.lower()
            i = low.find(word)
            if i >= 0 and not (word == "epinephrine" and low[max(0, i - 3) : i] == "nor"):
                out[name] = kw.parse_number(low[i + len(word) :])
    for field, text in cardio:
        low = text.lower()
        if ("arterial" in field or "map" in field.split()) and low[:1].isdigit():
            out["mean_arterial_pressure"] = kw.parse_number(low)
            break
        if "map" in low:
            out["mean_arterial_pressure"] = kw.parse_number(low[low.index("map") + 3 :])
            break
    for field, value in m.items:
        if "urine" in field and "creatinine" not in field:
            out["urine_output"] = kw.parse_number(value)
    return out
