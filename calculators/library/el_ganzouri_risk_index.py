"""El-Ganzouri Risk Index (EGRI) for difficult laryngoscopy."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, match_option
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="el_ganzouri_risk_index",
    name="El-Ganzouri Risk Index (EGRI) for Difficult Airway",
    synonyms=("El-Ganzouri Risk Index", "EGRI", "El-Ganzouri airway risk index"),
    category="anesthesiology",
    source="El-Ganzouri AR, McCarthy RJ, Tuman KJ, Tanck EN, Ivankovich AD. Preoperative airway "
    "assessment: predictive value of a multivariate risk index. Anesth Analg. "
    "1996;82(6):1197-1204.",
    doi="10.1097/00000539-199606000-00017",
    output_type="integer",
    description="Seven bedside airway findings weighted 0/1/2 (total 0-12); a score of 4 or "
    "more predicts difficult direct laryngoscopy.",
)

History = Literal["none", "questionable", "definite"]


class Inputs(QuantityInputs):
    """The seven EGRI criteria (El-Ganzouri 1996, simplified 0-1-2 weighting)."""

    mouth_opening: float = quantity(
        "length", "cm", ge=0, le=10, description="Inter-incisor mouth opening (< 4 cm: 1)"
    )
    thyromental_distance: float = quantity(
        "length",
        "cm",
        ge=0,
        le=20,
        description="Thyromental distance, neck extended (6.0-6.5 cm: 1; < 6.0 cm: 2)",
    )
    mallampati_class: int = Field(
        ge=1, le=4, description="Modified Mallampati class 1-4 (II: 1; III or IV: 2)"
    )
    neck_movement: float = Field(
        ge=0, le=180, description="Range of neck flexion-extension in degrees (80-90: 1; < 80: 2)"
    )
    can_prognath: bool = Field(
        description="Able to protrude the lower incisors beyond the upper ones (unable: 1)"
    )
    weight: float = quantity(
        "weight", "kg", ge=20, le=400, description="Body weight (90-110 kg: 1; > 110 kg: 2)"
    )
    difficult_intubation_history: History = Field(
        description="History of difficult intubation: 'none' 0, 'questionable' 1, 'definite' 2"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the seven criteria; ≥ 4 predicts difficult laryngoscopy (El-Ganzouri 1996)."""
    i = inputs
    s = Score()
    s.add("Mouth opening < 4 cm", i.mouth_opening, 1 if i.mouth_opening < 4 else 0)
    tmd = i.thyromental_distance
    s.add("Thyromental distance", tmd, 0 if tmd > 6.5 else 1 if tmd >= 6.0 else 2, "> 6.5 cm 0")
    # The 1996 index scored the (original, three-class) Mallampati I 0, II 1, III 2; class IV
    # of the modified scale falls in the highest band (2). Checked against three open-source
    # reimplementations; a Wikipedia summary instead gives I-II 0, III 1, IV 2.
    mp = i.mallampati_class
    s.add("Mallampati class", mp, 0 if mp == 1 else 1 if mp == 2 else 2, "I 0, II 1, III-IV 2")
    neck = i.neck_movement
    s.add("Neck movement", neck, 0 if neck > 90 else 1 if neck >= 80 else 2, "> 90° 0")
    s.add("Unable to prognath", not i.can_prognath, 0 if i.can_prognath else 1)
    w = i.weight
    s.add("Body weight", w, 0 if w < 90 else 1 if w <= 110 else 2, "< 90 kg 0")
    h = i.difficult_intubation_history
    s.add("History of difficult intubation", h, ("none", "questionable", "definite").index(h))
    total = int(s.total)
    reading = (
        "High risk of difficult laryngoscopy (EGRI ≥ 4)"
        if total >= 4
        else "Low risk of difficult laryngoscopy (EGRI < 4)"
    )
    return CalcResult(calculator=META.id, value=total, interpretation=f"{reading}.", steps=s.steps)


_HISTORY = {
    "none": ("none", "no", "no history"),
    "questionable": ("questionable", "unsure", "unknown", "uncertain", "possible"),
    "definite": ("definite", "yes", "documented"),
}


def _band_value(value: Any, bands: dict[str, float], field: str) -> float:
    """A number from the value, or a stand-in inside the named band ('<4 cm', '80-90°')."""
    text = str(value).strip()
    for pattern, stand_in in bands.items():
        if re.search(pattern, text, re.IGNORECASE):
            return stand_in
    m = re.search(r"\d+(?:\.\d+)?", text)
    if m:
        return float(m.group(0))
    raise MedMCPInputError(f"{META.id}: {field}: expected a measurement, found {value!r}.")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc EGRI inputs ('3.5 cm', 'Class III', '<80°', '95 kg', 'None') → Inputs."""
    f = Fields(inputs, META.id)
    # Banded answers ('<4 cm', '6.0-6.5 cm') get a value inside the band they name.
    mouth_f, mouth = f.raw("mouth opening", "inter incisor", "mouth")
    tmd_f, tmd = f.raw("thyromental")
    neck_f, neck = f.raw("neck")
    mp_f, mp = f.raw("mallampati")
    mp_m = re.search(r"(?i)\b(iv|iii|ii|i|[1-4])\b", str(mp))
    if not mp_m:
        raise MedMCPInputError(
            f"{META.id}: {mp_f}: expected a Mallampati class I-IV, found {mp!r}."
        )
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    mp_class = roman.get(mp_m.group(1).lower()) or int(mp_m.group(1))
    hist_f, hist = f.raw("history", "previous", "difficult intubation")
    return {
        "mouth_opening": _band_value(mouth, {r"^\s*(<|less)": 3.5, r"^\s*(≥|>=|>)": 4.5}, mouth_f),
        "thyromental_distance": _band_value(
            tmd, {r"6\.0\s*[-–]\s*6\.5": 6.25, r"^\s*<": 5.5, r"^\s*>": 7.0}, tmd_f
        ),
        "mallampati_class": mp_class,
        "neck_movement": _band_value(
            neck, {r"80\s*[-–]\s*90": 85, r"^\s*<": 70, r"^\s*>": 100}, neck_f
        ),
        "can_prognath": f.yes("prognath", "protru", "jaw"),
        "weight": f.quantity("weight", default_unit="kg")
        if not re.match(r"\s*[<>]|\d+\s*[-–]\s*\d+", str(f.value("weight")))
        else _band_value(
            f.value("weight"), {r"^\s*<": 80, r"90\s*[-–]\s*110": 100, r"^\s*>": 120}, "weight"
        ),
        "difficult_intubation_history": match_option(hist, _HISTORY, field=f"{META.id}: {hist_f}"),
    }
