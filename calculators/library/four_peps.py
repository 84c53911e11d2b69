"""4-Level Pulmonary Embolism Clinical Probability Score (4PEPS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="four_peps",
    name="4-Level Pulmonary Embolism Clinical Probability Score (4PEPS)",
    synonyms=("4PEPS", "4PEPS score", "4-level PE clinical probability score"),
    category="pulmonology",
    source="Roy PM, Friou E, Germeau B, et al. Derivation and validation of a 4-level clinical "
    "pretest probability score for suspected pulmonary embolism to safely decrease imaging "
    "testing. JAMA Cardiol. 2021;6(6):669-677.",
    doi="10.1001/jamacardio.2021.0064",
    output_type="integer",
    unit="points",
    description="Thirteen weighted clinical items (-4 to 22) giving a very low, low, moderate or "
    "high clinical probability of PE, each tied to a D-dimer threshold or imaging.",
)

# Points: Roy 2021 (JAMA Cardiol), the 4PEPS table, as listed item by item on
# medicalalgorithms.com and MDCalc (calc 10370): age <50 -2, 50-64 -1; chronic respiratory
# disease -1; heart rate <80 -1; chest pain and acute dyspnoea +1; male +2; oestrogen +2;
# prior VTE +2; syncope +2; immobility in the last 4 weeks +2; SpO2 <95% +3; calf pain and/or
# unilateral lower-limb oedema +3; PE the most likely diagnosis +5.
# Categories and next steps: the same table (MDCalc "Management" text).
_CATEGORIES = (
    (0, "Very low", "<2%", "PE can be ruled out on clinical criteria without further testing"),
    (6, "Low", "2-20%", "PE can be ruled out if D-dimer <1.0 µg/mL; otherwise imaging"),
    (
        13,
        "Moderate",
        "20-65%",
        "PE can be ruled out if D-dimer <0.5 µg/mL or <(age × 0.01) µg/mL; otherwise imaging",
    ),
)
_HIGH = ("High", ">65%", "PE cannot be ruled out without imaging")


class Inputs(QuantityInputs):
    """Inputs of the 4PEPS (outpatients with suspected PE)."""

    age: float = quantity(
        "age", "years", ge=18, le=120, description="Age (<50: -2; 50-64: -1; ≥65: 0)"
    )
    chronic_respiratory_disease: bool = Field(description="Chronic respiratory disease (-1)")
    heart_rate: float = quantity("rate", "/min", ge=20, le=250, description="Heart rate (<80: -1)")
    chest_pain_and_acute_dyspnea: bool = Field(description="Chest pain AND acute dyspnoea (+1)")
    male: bool = Field(description="Male sex (+2)")
    estrogen_use: bool = Field(description="Current hormonal oestrogenic treatment (+2)")
    prior_vte: bool = Field(description="Personal history of venous thromboembolism (+2)")
    syncope: bool = Field(description="Syncope (+2)")
    immobility: bool = Field(
        description="Immobility within the last 4 weeks: surgery, lower-limb plaster cast, or "
        "bedridden >3 days for an acute medical condition (+2)"
    )
    oxygen_saturation: float = quantity(
        "percent", "%", ge=40, le=100, description="Pulse-oximetry saturation (<95%: +3)"
    )
    calf_pain_or_unilateral_edema: bool = Field(
        description="Calf pain and/or unilateral lower-limb oedema (+3)"
    )
    pe_most_likely: bool = Field(description="PE is the most likely diagnosis (+5)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the 4PEPS items and give the clinical probability level (Roy 2021)."""
    i = inputs
    s = Score()
    age_pts = -2 if i.age < 50 else -1 if i.age < 65 else 0
    s.add("Age", i.age, age_pts, "<50: -2; 50-64: -1; ≥65: 0")
    s.flag("Chronic respiratory disease", i.chronic_respiratory_disease, -1)
    s.add("Heart rate <80/min", i.heart_rate, -1 if i.heart_rate < 80 else 0)
    s.flag("Chest pain and acute dyspnoea", i.chest_pain_and_acute_dyspnea, 1)
    s.flag("Male sex", i.male, 2)
    s.flag("Hormonal oestrogenic treatment", i.estrogen_use, 2)
    s.flag("Personal history of VTE", i.prior_vte, 2)
    s.flag("Syncope", i.syncope, 2)
    s.flag("Immobility within the last 4 weeks", i.immobility, 2)
    s.add("SpO2 <95%", i.oxygen_saturation, 3 if i.oxygen_saturation < 95 else 0)
    s.flag("Calf pain and/or unilateral lower-limb oedema", i.calf_pain_or_unilateral_edema, 3)
    s.flag("PE is the most likely diagnosis", i.pe_most_likely, 5)
    total = int(s.total)
    level, prob, action = _HIGH
    for upper, name, p, act in _CATEGORIES:
        if total < upper:
            level, prob, action = name, p, act
            break
    return CalcResult(
        calculator=META.id,
        value=total,
        unit="points",
        interpretation=f"{level} clinical probability of PE ({prob}): {action}.",
        steps=s.steps,
        extra={"probability_level": level, "probability": prob},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc 4PEPS inputs → Inputs (yes/no items; age, heart rate and SpO2 as numbers).

    Heart rate and SpO2 may be given as values ("72 bpm") or as the criterion ("Heart rate <80:
    Yes"); a criterion answer gets a stand-in value on the recorded side of its threshold.
    """
    f = Fields(inputs, META.id)

    def measured(keys: tuple[str, ...], unit: str, below: float, above: float) -> Any:
        _, value = f.raw(*keys)
        text = str(value).strip().lower()
        if text.startswith(("yes", "no", "true", "false")):
            return below if f.yes(*keys) else above
        return f.quantity(*keys, default_unit=unit)

    sex_male = f.sex() == "male" if f.has("sex", "gender") else f.yes("male")
    return {
        "age": f.quantity("age", default_unit="years"),
        "chronic_respiratory_disease": f.yes("respiratory", "lung disease"),
        "heart_rate": measured(("heart rate", "hr", "pulse"), "/min", 70.0, 90.0),
        "chest_pain_and_acute_dyspnea": f.yes("chest pain", "dyspn"),
        "male": sex_male,
        "estrogen_use": f.yes("estrogen", "oestrogen", "hormon"),
        "prior_vte": f.yes("vte", "venous thromboembolism", "history"),
        "syncope": f.yes("syncope"),
        "immobility": f.yes("immobil", "surgery"),
        "oxygen_saturation": measured(("saturation", "spo2", "o2"), "%", 92.0, 98.0),
        "calf_pain_or_unilateral_edema": f.yes("calf", "unilateral", "edema", "oedema"),
        "pe_most_likely": f.yes("most likely", "likely diagnosis"),
    }
