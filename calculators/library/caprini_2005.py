"""Caprini risk assessment model for venous thromboembolism (2005 version)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._patient import Sex
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="caprini_2005",
    name="Caprini Score for Venous Thromboembolism (2005)",
    synonyms=("Caprini", "Caprini score", "Caprini VTE score", "Caprini risk assessment model"),
    category="hematology",
    source="Caprini JA. Thrombosis risk assessment as a guide to quality patient care. Dis Mon. "
    "2005;51(2-3):70-78.",
    doi="10.1016/j.disamonth.2005.02.003",
    pmid="15900257",
    output_type="integer",
    medcalc_id=36,
    description="Post-operative VTE risk from a checklist of weighted risk factors; each "
    "checklist item is absent unless ticked.",
)

Surgery = Literal["none", "minor", "major", "laparoscopic", "arthroplasty"]
Mobility = Literal["normal", "bed_rest", "confined_over_72h"]


def _item(points: int, text: str) -> Any:
    return Field(False, description=f"{text} (+{points})")


class Inputs(QuantityInputs):
    """Inputs of the Caprini score (checklist items default to absent, as on the form)."""

    age: float = quantity(
        "age", "years", ge=0, le=120, description="Age (41-60: +1; 61-74: +2; ≥ 75: +3)"
    )
    sex: Sex = Field(description="Sex (the pregnancy and hormone items apply to women)")
    surgery_type: Surgery = Field(
        description="Type of surgery: none (0), minor (+1), major > 45 min (+2), laparoscopic "
        "> 45 min (+2), elective major lower-extremity arthroplasty (+5)"
    )
    mobility: Mobility = Field(
        description="Mobility: normal/ambulatory (0), bed rest (+1), confined to bed > 72 h (+2)"
    )
    recent_major_surgery: bool = _item(1, "Major surgery in the last month")
    recent_chf: bool = _item(1, "Congestive heart failure in the last month")
    recent_sepsis: bool = _item(1, "Sepsis in the last month")
    recent_pneumonia: bool = _item(1, "Pneumonia in the last month")
    plaster_cast: bool = _item(2, "Immobilizing plaster cast in the last month")
    fracture: bool = _item(5, "Hip, pelvis or leg fracture in the last month")
    stroke: bool = _item(5, "Stroke in the last month")
    multiple_trauma: bool = _item(5, "Multiple trauma in the last month")
    spinal_cord_injury: bool = _item(5, "Acute spinal cord injury with paralysis in the last month")
    varicose_veins: bool = _item(1, "Varicose veins")
    swollen_legs: bool = _item(1, "Current swollen legs")
    central_venous_access: bool = _item(2, "Current central venous access")
    history_dvt_pe: bool = _item(3, "History of DVT or PE")
    family_history_thrombosis: bool = _item(3, "Family history of thrombosis")
    factor_v_leiden: bool = _item(3, "Positive factor V Leiden")
    prothrombin_20210a: bool = _item(3, "Positive prothrombin 20210A")
    homocysteine: bool = _item(3, "Elevated serum homocysteine")
    lupus_anticoagulant: bool = _item(3, "Positive lupus anticoagulant")
    anticardiolipin: bool = _item(3, "Elevated anticardiolipin antibody")
    hit: bool = _item(3, "Heparin-induced thrombocytopenia")
    other_thrombophilia: bool = _item(3, "Other congenital or acquired thrombophilia")
    inflammatory_bowel_disease: bool = _item(1, "History of inflammatory bowel disease")
    bmi_over_25: bool = _item(1, "BMI > 25 kg/m²")
    acute_mi: bool = _item(1, "Acute myocardial infarction")
    copd: bool = _item(1, "COPD")
    malignancy: bool = _item(2, "Present or previous malignancy")
    other_risk_factor: bool = _item(1, "Other risk factor")
    pregnant_or_postpartum: bool = _item(1, "Women: pregnant or postpartum")
    pregnancy_loss_history: bool = _item(
        1,
        "Women: unexplained stillborn, recurrent "
        "spontaneous abortion (≥ 3) or growth-restricted "
        "or toxaemic infant",
    )
    hormones: bool = _item(1, "Women: oral contraceptives or hormone replacement")


_SURGERY = {"none": 0, "minor": 1, "major": 2, "laparoscopic": 2, "arthroplasty": 5}
_MOBILITY = {"normal": 0, "bed_rest": 1, "confined_over_72h": 2}
_ITEMS: tuple[tuple[str, str, int], ...] = (
    ("recent_major_surgery", "Major surgery < 1 month", 1),
    ("recent_chf", "CHF < 1 month", 1),
    ("recent_sepsis", "Sepsis < 1 month", 1),
    ("recent_pneumonia", "Pneumonia < 1 month", 1),
    ("plaster_cast", "Plaster cast", 2),
    ("fracture", "Hip, pelvis or leg fracture", 5),
    ("stroke", "Stroke < 1 month", 5),
    ("multiple_trauma", "Multiple trauma", 5),
    ("spinal_cord_injury", "Spinal cord injury", 5),
    ("varicose_veins", "Varicose veins", 1),
    ("swollen_legs", "Swollen legs", 1),
    ("central_venous_access", "Central venous access", 2),
    ("history_dvt_pe", "History of DVT/PE", 3),
    ("family_history_thrombosis", "Family history of thrombosis", 3),
    ("factor_v_leiden", "Factor V Leiden", 3),
    ("prothrombin_20210a", "Prothrombin 20210A", 3),
    ("homocysteine", "Elevated homocysteine", 3),
    ("lupus_anticoagulant", "Lupus anticoagulant", 3),
    ("anticardiolipin", "Anticardiolipin antibody", 3),
    ("hit", "Heparin-induced thrombocytopenia", 3),
    ("other_thrombophilia", "Other thrombophilia", 3),
    ("inflammatory_bowel_disease", "Inflammatory bowel disease", 1),
    ("bmi_over_25", "BMI > 25", 1),
    ("acute_mi", "Acute MI", 1),
    ("copd", "COPD", 1),
    ("malignancy", "Malignancy", 2),
    ("other_risk_factor", "Other risk factor", 1),
)
_FEMALE_ITEMS = (
    ("pregnant_or_postpartum", "Pregnant or postpartum", 1),
    ("pregnancy_loss_history", "Pregnancy loss history", 1),
    ("hormones", "Oral contraceptives or HRT", 1),
)


def compute(inputs: Inputs) -> CalcResult:
    """Sum of Caprini weights (Caprini 2005 form)."""
    s = Score()
    a = inputs.age
    s.add(
        "Age",
        a,
        3 if a >= 75 else 2 if a >= 61 else 1 if a >= 41 else 0,
        "41-60: 1; 61-74: 2; ≥ 75: 3",
    )
    s.add("Type of surgery", inputs.surgery_type, _SURGERY[inputs.surgery_type])
    s.add("Mobility", inputs.mobility, _MOBILITY[inputs.mobility])
    items = _ITEMS + (_FEMALE_ITEMS if inputs.sex == "female" else ())
    for name, label, pts in items:
        if getattr(inputs, name):
            s.flag(label, True, pts)
    total = int(s.total)
    # Risk categories and VTE risk without prophylaxis (Gould MK, et al. Chest. 2012;141(2
    # Suppl):e227S-e277S, ACCP 9th ed., Table 6): 0 very low < 0.5%; 1-2 low 1.5%;
    # 3-4 moderate 3.0%; ≥ 5 high 6.0%.
    cat = (
        "very low risk (< 0.5%)"
        if total == 0
        else "low risk (≈ 1.5%)"
        if total <= 2
        else "moderate risk (≈ 3.0%)"
        if total <= 4
        else "high risk (≈ 6.0%)"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"Caprini {total}: {cat} VTE without prophylaxis (ACCP 2012).",
        steps=s.steps,
    )


def _surgery(value: Any) -> str:
    text = str(value or "none").strip().lower()
    for key, out in (
        ("arthroplasty", "arthroplasty"),
        ("laparoscopic", "laparoscopic"),
        ("major", "major"),
        ("minor", "minor"),
        ("none", "none"),
    ):
        if key in text:
            return out
    raise AdapterError(f"unrecognised Caprini surgery type {value!r}.")


def _mobility(value: Any) -> str:
    text = str(value or "normal").strip().lower()
    if "72" in text or "confined" in text:
        return "confined_over_72h"
    if "bed rest" in text:
        return "bed_rest"
    if "normal" in text or "ambulatory" in text:
        return "normal"
    raise AdapterError(f"unrecognised Caprini mobility {value!r}.")


_MEDCALC_KEYS = {
    "recent_major_surgery": ("Major Surgery in the last month",),
    "recent_chf": ("Congestive Heart Failure in the last month",),
    "recent_sepsis": ("Sepsis in the last month",),
    "recent_pneumonia": ("Pneumonia in the last month",),
    "plaster_cast": ("Immobilizing plaster cast in the last month",),
    "fracture": ("Hip, pelvis, or leg fracture in the last month",),
    "stroke": ("Stroke in the last month",),
    "multiple_trauma": ("Multiple trauma in the last month",),
    "spinal_cord_injury": ("Acute spinal cord injury causing paralysis in the last month",),
    "varicose_veins": ("Varicose veins",),
    "swollen_legs": ("Current swollen legs",),
    "central_venous_access": ("Current central venous access",),
    "history_dvt_pe": (
        "Previously documented Deep Vein Thrombosis",
        "Previously Documented Pulmonary Embolism",
    ),
    "family_history_thrombosis": ("Family history of thrombosis",),
    "factor_v_leiden": ("Positive Factor V Leiden",),
    "prothrombin_20210a": ("Positive prothrombin 20210A",),
    "homocysteine": ("Elevated serum homocysteine",),
    "lupus_anticoagulant": ("Positive lupus anticoagulant",),
    "anticardiolipin": ("Elevated anticardiolipin antibody",),
    "hit": ("Heparin-induced thrombocytopenia",),
    "other_thrombophilia": ("Other congenital or acquired thrombophilia",),
    "inflammatory_bowel_disease": ("History of inflammatory bowel disease",),
    "acute_mi": ("Acute Myocardial infarction",),
    "copd": ("Chronic Obstructive Pulmonary Disease",),
    "malignancy": ("Present or previous malignancy",),
}


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (BMI value → the BMI > 25 item)."""
    e = entities
    out: dict[str, Any] = {
        "age": mc.quantity(e, "age"),
        "sex": mc.sex(e),
        "surgery_type": _surgery(mc.get(e, "Surgery Type", default="none")),
        "mobility": _mobility(mc.get(e, "Mobility", default="normal")),
    }
    for name, keys in _MEDCALC_KEYS.items():
        out[name] = mc.flag(e, *keys)
    bmi = mc.number(e, "Body Mass Index (BMI)", default=None)
    out["bmi_over_25"] = bmi is not None and float(bmi) > 25
    return out


_MEDMCP_KEYS = {
    "recent_major_surgery": "recent major surgery",
    "recent_chf": "chf",
    "recent_sepsis": "sepsis",
    "recent_pneumonia": "pneumonia",
    "plaster_cast": "plaster",
    "fracture": "fracture",
    "stroke": "stroke",
    "multiple_trauma": "multiple trauma",
    "spinal_cord_injury": "spinal",
    "varicose_veins": "varicose",
    "swollen_legs": "swollen",
    "central_venous_access": "central venous",
    "history_dvt_pe": "history dvt",
    "family_history_thrombosis": "family history",
    "factor_v_leiden": "leiden",
    "prothrombin_20210a": "prothrombin",
    "homocysteine": "homocysteine",
    "lupus_anticoagulant": "lupus",
    "anticardiolipin": "anticardiolipin",
    "hit": "heparin",
    "other_thrombophilia": "thrombophilia",
    "inflammatory_bowel_disease": "inflammatory bowel",
    "bmi_over_25": "bmi",
    "acute_mi": "acute mi",
    "copd": "copd",
    "malignancy": "malignancy",
    "other_risk_factor": "other risk",
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    out: dict[str, Any] = {
        "age": kw.parse_quantity(m.find("age"), "years"),
        "sex": str(m.find("sex")).split()[0].lower(),
        "surgery_type": _surgery(m.find("surgery type", "type surgery")),
        "mobility": _mobility(m.find("mobility")),
    }
    for name, key in _MEDMCP_KEYS.items():
        if m.has(key):
            out[name] = kw.parse_yes(m.find(key))
    return out
