"""HEART score for major adverse cardiac events in chest pain."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="heart_score",
    name="HEART Score for Major Cardiac Events",
    synonyms=("HEART score", "HEART", "HEART Score for Major Adverse Cardiac Events"),
    category="cardiology",
    source="Six AJ, Backus BE, Kelder JC. Chest pain in the emergency room: value of the HEART "
    "score. Neth Heart J. 2008;16(6):191-196.",
    doi="10.1007/BF03086144",
    pmid="18665203",
    output_type="integer",
    medcalc_id=18,
    description="6-week risk of major adverse cardiac events in emergency chest pain patients.",
)

History = Literal["slightly", "moderately", "highly"]
ECG = Literal["normal", "nonspecific_repolarization", "significant_st_deviation"]
Troponin = Literal["normal", "one_to_three_times", "over_three_times"]


class Inputs(QuantityInputs):
    """Inputs of the HEART score."""

    history: History = Field(
        description="History: slightly (0), moderately (+1) or highly (+2) suspicious for ACS"
    )
    ecg: ECG = Field(
        description="ECG: normal (0), non-specific repolarization disturbance (+1), "
        "significant ST deviation (+2)"
    )
    age: float = quantity("age", "years", ge=18, le=120, description="Age (45-64: +1; ≥ 65: +2)")
    hypertension: bool = Field(description="Risk factor: hypertension")
    hypercholesterolemia: bool = Field(description="Risk factor: hypercholesterolemia")
    diabetes: bool = Field(description="Risk factor: diabetes mellitus")
    obesity: bool = Field(description="Risk factor: obesity (BMI > 30)")
    smoking: bool = Field(description="Risk factor: current or recent (< 3 months) smoking")
    family_history: bool = Field(
        description="Risk factor: parent or sibling with cardiovascular disease before 65"
    )
    atherosclerotic_disease: bool = Field(
        description="Known atherosclerotic disease: prior MI, PCI/CABG, CVA/TIA or peripheral "
        "arterial disease (risk factors score +2)"
    )
    troponin: Troponin = Field(
        description="Initial troponin: ≤ normal limit (0), 1-3× normal (+1), > 3× normal (+2)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five HEART elements, each 0-2 (total 0-10)."""
    s = Score()
    s.add("History", inputs.history, {"slightly": 0, "moderately": 1, "highly": 2}[inputs.history])
    s.add(
        "ECG",
        inputs.ecg,
        {"normal": 0, "nonspecific_repolarization": 1, "significant_st_deviation": 2}[inputs.ecg],
    )
    s.add(
        "Age",
        inputs.age,
        2 if inputs.age >= 65 else 1 if inputs.age >= 45 else 0,
        "< 45: 0; 45-64: 1; ≥ 65: 2",
    )
    factors = [
        n
        for n, v in (
            ("hypertension", inputs.hypertension),
            ("hypercholesterolemia", inputs.hypercholesterolemia),
            ("diabetes", inputs.diabetes),
            ("obesity", inputs.obesity),
            ("smoking", inputs.smoking),
            ("family history", inputs.family_history),
        )
        if v
    ]
    if inputs.atherosclerotic_disease or len(factors) >= 3:
        rf_pts = 2
    else:
        rf_pts = 1 if factors else 0
    s.add(
        "Risk factors",
        ", ".join(factors) or "none",
        rf_pts,
        "none: 0; 1-2: 1; ≥ 3 or atherosclerotic disease: 2"
        + (" (atherosclerotic disease present)" if inputs.atherosclerotic_disease else ""),
    )
    s.add(
        "Troponin",
        inputs.troponin,
        {"normal": 0, "one_to_three_times": 1, "over_three_times": 2}[inputs.troponin],
    )
    total = int(s.total)
    # Six 2008 / Backus 2013 MACE rates: 0-3 1.7%, 4-6 16.6%, 7-10 50.1%.
    if total <= 3:
        interp = "low risk (MACE ≈ 0.9-1.7%): candidate for early discharge"
    elif total <= 6:
        interp = "moderate risk (MACE ≈ 12-16.6%): admit for observation"
    else:
        interp = "high risk (MACE ≈ 50-65%): early invasive strategy"
    return CalcResult(
        calculator=META.id, value=total, interpretation=f"{total} points: {interp}", steps=s.steps
    )


def _history(value: str) -> str:
    v = value.lower()
    for key in ("highly", "moderately", "slightly"):
        if key in v:
            return key
    raise AdapterError(f"unrecognised HEART history {value!r}.")


def _ecg(value: str) -> str:
    v = value.lower()
    if "st" in v.split() or "st deviation" in v or "significant" in v:
        return "significant_st_deviation"
    if "repolarization" in v or "non-specific" in v or "nonspecific" in v:
        return "nonspecific_repolarization"
    if "normal" in v:
        return "normal"
    raise AdapterError(f"unrecognised HEART ECG {value!r}.")


def _troponin(value: str) -> str:
    v = value.lower()
    if "less than or equal" in v or "≤" in v or v.startswith("normal"):
        return "normal"
    if "between" in v or "1-3" in v or "one to three" in v:
        return "one_to_three_times"
    if "more than" in v or "greater" in v or ">" in v:
        return "over_three_times"
    raise AdapterError(f"unrecognised HEART troponin {value!r}.")


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs.

    A TIA history counts as atherosclerotic disease (HEART: prior CVA/TIA); a troponin the
    note does not give is taken as normal, as the benchmark's explanations state.
    """
    e = entities
    return {
        "history": _history(mc.get(e, "Suspicion History")),
        "ecg": _ecg(mc.get(e, "Electrocardiogram Test")),
        "age": mc.quantity(e, "age"),
        "hypertension": mc.flag(e, "Hypertension history"),
        "hypercholesterolemia": mc.flag(e, "hypercholesterolemia"),
        "diabetes": mc.flag(e, "Diabetes mellitus criteria for CCI rule", "Diabetes history"),
        "obesity": mc.flag(e, "obesity"),
        "smoking": mc.flag(e, "smoking"),
        "family_history": mc.flag(e, "parent or sibling with Cardiovascular disease before age 65"),
        "atherosclerotic_disease": mc.flag(
            e, "atherosclerotic disease", "Transient Ischemic Attacks History"
        ),
        "troponin": _troponin(
            mc.get(e, "Initial troponin", default="less than or equal to normal limit")
        ),
    }
