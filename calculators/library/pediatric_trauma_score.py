"""Pediatric Trauma Score (PTS)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields, match_option
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="pediatric_trauma_score",
    name="Pediatric Trauma Score (PTS)",
    synonyms=("Pediatric Trauma Score", "PTS", "Tepas pediatric trauma score"),
    category="trauma",
    source="Tepas JJ 3rd, Mollitt DL, Talbert JL, Bryant M. The pediatric trauma score as a "
    "predictor of injury severity in the injured child. J Pediatr Surg. 1987;22(1):14-18.",
    output_type="integer",
    description="Six items scored +2/+1/-1 (total -6 to +12) for triage of injured children; "
    "≤ 8 identifies children who should go to a pediatric trauma center.",
)

Airway = Literal["normal", "maintainable", "unmaintainable"]
Cns = Literal["awake", "obtunded", "coma"]
Wound = Literal["none", "minor", "major"]
Skeletal = Literal["none", "closed", "open_or_multiple"]


class Inputs(QuantityInputs):
    """The six PTS items (Tepas 1987)."""

    weight: float = quantity(
        "weight", "kg", ge=0.3, le=200, description="Size: > 20 kg +2, 10-20 kg +1, < 10 kg -1"
    )
    airway: Airway = Field(
        description="Airway: 'normal' +2; 'maintainable' (needs positioning/adjunct) +1; "
        "'unmaintainable' (needs intubation, cricothyrotomy) -1"
    )
    systolic_bp: float = quantity(
        "pressure",
        "mmHg",
        ge=0,
        le=250,
        description="Systolic BP: > 90 +2, 50-90 +1, < 50 -1",
    )
    cns: Cns = Field(
        description="Central nervous system: 'awake' +2; 'obtunded' (or any loss of "
        "consciousness) +1; 'coma' (or decerebrate) -1"
    )
    open_wound: Wound = Field(
        description="Open wound: 'none' +2; 'minor' +1; 'major' (or penetrating) -1"
    )
    skeletal: Skeletal = Field(
        description="Skeletal trauma: 'none' +2; 'closed' fracture +1; 'open_or_multiple' "
        "fractures -1"
    )


_THREE = {0: 2, 1: 1, 2: -1}


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the six items (Tepas 1987 table: +2 / +1 / -1)."""
    i = inputs
    s = Score()
    w = i.weight
    s.add(
        "Size (weight)", w, 2 if w > 20 else 1 if w >= 10 else -1, "> 20 kg +2, 10-20 +1, < 10 -1"
    )
    s.add("Airway", i.airway, _THREE[("normal", "maintainable", "unmaintainable").index(i.airway)])
    bp = i.systolic_bp
    s.add("Systolic BP", bp, 2 if bp > 90 else 1 if bp >= 50 else -1, "> 90 +2, 50-90 +1, < 50 -1")
    s.add("CNS", i.cns, _THREE[("awake", "obtunded", "coma").index(i.cns)])
    s.add("Open wound", i.open_wound, _THREE[("none", "minor", "major").index(i.open_wound)])
    s.add(
        "Skeletal trauma",
        i.skeletal,
        _THREE[("none", "closed", "open_or_multiple").index(i.skeletal)],
    )
    total = int(s.total)
    # Tepas 1987: PTS ≤ 8 marks the injured child for a pediatric trauma center (mortality
    # rises as the score falls).
    reading = (
        "Potentially significant injury (PTS ≤ 8): triage to a pediatric trauma center"
        if total <= 8
        else "Lower risk (PTS > 8)"
    )
    return CalcResult(calculator=META.id, value=total, interpretation=f"{reading}.", steps=s.steps)


_AIRWAY = {
    "normal": ("normal", "patent"),
    "maintainable": ("maintainable", "maintained", "oral or nasal airway", "adjunct"),
    "unmaintainable": ("unmaintainable", "not maintainable", "intubated", "tracheostomy"),
}
_CNS = {
    "awake": ("awake", "alert"),
    "obtunded": ("obtunded", "loss of consciousness", "loc", "lethargic"),
    "coma": ("coma", "comatose", "decerebrate", "unresponsive"),
}
_WOUND = {
    "none": ("none", "no", "no open wound"),
    "minor": ("minor",),
    "major": ("major", "penetrating", "major or penetrating"),
}
_SKELETAL = {
    "none": ("none", "no", "no fracture"),
    "closed": ("closed", "closed fracture", "minor"),
    "open_or_multiple": ("open", "multiple", "open fracture", "multiple fractures"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PTS inputs ('18 kg', 'Maintainable (+1)', '85 mmHg') → Inputs."""
    f = Fields(inputs, META.id)

    def opt(keys: tuple[str, ...], table: dict[str, tuple[str, ...]]) -> str:
        field, raw = f.raw(*keys)
        return str(match_option(raw, table, field=f"{META.id}: {field}"))

    return {
        "weight": f.quantity("weight", "size", default_unit="kg"),
        "airway": opt(("airway",), _AIRWAY),
        "systolic_bp": f.quantity("systolic", "blood pressure", "sbp", default_unit="mmHg"),
        "cns": opt(("cns", "central nervous", "mental", "consciousness", "neuro"), _CNS),
        "open_wound": opt(("wound", "cutaneous"), _WOUND),
        "skeletal": opt(("skeletal", "fracture"), _SKELETAL),
    }
