"""Trunk Impairment Scale (TIS) after stroke."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="trunk_impairment_scale",
    name="Trunk Impairment Scale",
    synonyms=("TIS", "Trunk Impairment Scale (TIS)", "Verheyden Trunk Impairment Scale"),
    category="neurology",
    source="Verheyden G, Nieuwboer A, Mertin J, Preger R, Kiekens C, De Weerdt W. The Trunk "
    "Impairment Scale: a new tool to measure motor impairment of the trunk after stroke. Clin "
    "Rehabil. 2004;18(3):326-34.",
    doi="10.1191/0269215504cr733oa",
    output_type="integer",
    description="Static sitting balance (0-7), dynamic sitting balance (0-10) and trunk "
    "co-ordination (0-6) after stroke (0-23, higher is better); a 0 on the first item makes "
    "the total 0.",
)

#: MedMCP-Calc answers that depart from the published scale (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_009_8ac41d79", 2): (
        "TIS: the dynamic item 2 (repeat item 1, rated on shortening/lengthening of the trunk) "
        "is recorded with the item-1 anchor 'Moves actively without help, elbow touches bed or "
        "table', which is not a level of item 2 (Verheyden 2004 appendix), so its score cannot "
        "be derived from the inputs; the task counts it as 1 (total 15)."
    ),
}

_FALLS = "Patient falls or cannot maintain sitting position for 10 seconds without arm support"
_ELBOW = {
    0: (
        "Patient falls, needs support from an upper extremity or the elbow does not touch the "
        "bed or table",
    ),
    1: ("Patient moves actively without help, elbow touches bed or table", "moves actively"),
}
_SHORTEN = {
    0: (
        "Patient demonstrates no or opposite shortening/lengthening",
        "no or opposite shortening lengthening",
    ),
    1: (
        "Patient demonstrates appropriate shortening/lengthening",
        "appropriate shortening lengthening",
    ),
}
_COMPENSATE = {
    0: (
        "Patient compensates (upper extremity, contralateral hip abduction, hip flexion, knee "
        "flexion or sliding of the feet)",
        "compensation",
        "compensates",
    ),
    1: ("Patient moves without compensation", "moves without compensation"),
}
_ROTATE = {
    0: ("Hemiplegic side is not moved three times", "not moved three times"),
    1: ("Rotation is asymmetrical", "asymmetrical rotation"),
    2: ("Rotation is symmetrical", "symmetrical rotation"),
}
_REPEAT_ROTATE = {0: _ROTATE[1], 1: _ROTATE[2]}

# Item anchors and points from the appendix of Verheyden 2004 (static 7, dynamic 10,
# co-ordination 6 points); MedMCP key phrases follow MDCalc's item wording.
STATIC: dict[str, ri.RatedItem] = {
    "static_1_sitting": ri.RatedItem(
        "Static 1: maintains starting position without support for 10 seconds",
        {0: (_FALLS, "no"), 2: ("Patient maintains starting position for 10 seconds", "yes")},
        ("maintains starting position",),
    ),
    "static_2_therapist_crosses_legs": ri.RatedItem(
        "Static 2: therapist crosses the unaffected leg over the hemiplegic leg",
        {0: (_FALLS, "falls"), 2: ("Patient maintains sitting position for 10 seconds",)},
        ("therapist crosses",),
    ),
    "static_3_patient_crosses_legs": ri.RatedItem(
        "Static 3: patient crosses the unaffected leg over the hemiplegic leg",
        {
            0: ("Patient falls",),
            1: ("Patient cannot cross the legs without arm support on bed or table",),
            2: (
                "Patient crosses the legs but displaces the trunk more than 10 cm backwards or "
                "assists crossing with the hand",
                "displaces trunk",
            ),
            3: ("Patient crosses the legs without trunk displacement or assistance",),
        },
        ("patient crosses",),
    ),
}
DYNAMIC: dict[str, ri.RatedItem] = {
    "dynamic_1_hemiplegic_elbow": ri.RatedItem(
        "Dynamic 1: touches the bed or table with the hemiplegic elbow and returns",
        _ELBOW,
        ("hemiplegic elbow",),
    ),
    "dynamic_2_repeat_1": ri.RatedItem(
        "Dynamic 2: repeat item 1 (shortening/lengthening)", _SHORTEN, ("item 2 repeat item 1",)
    ),
    "dynamic_3_repeat_1": ri.RatedItem(
        "Dynamic 3: repeat item 1 (compensation)", _COMPENSATE, ("item 3 repeat item 1",)
    ),
    "dynamic_4_unaffected_elbow": ri.RatedItem(
        "Dynamic 4: touches the bed or table with the unaffected elbow and returns",
        _ELBOW,
        ("unaffected elbow",),
    ),
    "dynamic_5_repeat_4": ri.RatedItem(
        "Dynamic 5: repeat item 4 (shortening/lengthening)", _SHORTEN, ("repeat item 4",)
    ),
    "dynamic_6_repeat_4": ri.RatedItem(
        "Dynamic 6: repeat item 4 (compensation)", _COMPENSATE, ("item 6 repeat item 4",)
    ),
    "dynamic_7_pelvis_hemiplegic": ri.RatedItem(
        "Dynamic 7: lifts the pelvis at the hemiplegic side (shortening/lengthening)",
        _SHORTEN,
        ("table at hemiplegic side", "pelvis hemiplegic"),
    ),
    "dynamic_8_repeat_7": ri.RatedItem(
        "Dynamic 8: repeat item 7 (compensation)", _COMPENSATE, ("repeat item 7",)
    ),
    "dynamic_9_pelvis_unaffected": ri.RatedItem(
        "Dynamic 9: lifts the pelvis at the unaffected side (shortening/lengthening)",
        _SHORTEN,
        ("table at unaffected side", "pelvis unaffected"),
    ),
    "dynamic_10_repeat_9": ri.RatedItem(
        "Dynamic 10: repeat item 9 (compensation)", _COMPENSATE, ("repeat item 9",)
    ),
}
COORDINATION: dict[str, ri.RatedItem] = {
    "coordination_1_upper_trunk": ri.RatedItem(
        "Co-ordination 1: rotates the upper trunk 6 times", _ROTATE, ("rotates upper trunk",)
    ),
    "coordination_2_repeat_1_fast": ri.RatedItem(
        "Co-ordination 2: repeat item 1 within 6 seconds",
        _REPEAT_ROTATE,
        ("repeat item 1 within 6 seconds",),
    ),
    "coordination_3_lower_trunk": ri.RatedItem(
        "Co-ordination 3: rotates the lower trunk 6 times", _ROTATE, ("rotate lower trunk",)
    ),
    "coordination_4_repeat_3_fast": ri.RatedItem(
        "Co-ordination 4: repeat item 3 within 6 seconds",
        _REPEAT_ROTATE,
        ("repeat item 3 within 6 seconds",),
    ),
}
ITEMS: dict[str, ri.RatedItem] = {**STATIC, **DYNAMIC, **COORDINATION}

#: Verheyden 2004 appendix: a 0 on the parent item scores its follow-up items 0.
DEPENDS: dict[str, str] = {
    "dynamic_2_repeat_1": "dynamic_1_hemiplegic_elbow",
    "dynamic_3_repeat_1": "dynamic_1_hemiplegic_elbow",
    "dynamic_5_repeat_4": "dynamic_4_unaffected_elbow",
    "dynamic_6_repeat_4": "dynamic_4_unaffected_elbow",
    "dynamic_8_repeat_7": "dynamic_7_pelvis_hemiplegic",
    "dynamic_10_repeat_9": "dynamic_9_pelvis_unaffected",
    "coordination_2_repeat_1_fast": "coordination_1_upper_trunk",
    "coordination_4_repeat_3_fast": "coordination_3_lower_trunk",
}


def _follow_up(key: str) -> Any:
    item = ITEMS[key]
    levels = "; ".join(f"{k} {v[0]}" for k, v in item.options.items())
    return Field(
        None,
        ge=item.low,
        le=item.high,
        description=f"{item.label}: {levels} (may be left out when the parent item scored 0)",
    )


class Inputs(CalcInputs):
    """The 17 TIS items; follow-up items may be left out when their parent item scored 0."""

    static_1_sitting: int = ri.item_field(ITEMS["static_1_sitting"])
    static_2_therapist_crosses_legs: int | None = Field(
        None, ge=0, le=2, description="Static 2 (0 or 2; may be left out when static 1 is 0)"
    )
    static_3_patient_crosses_legs: int | None = Field(
        None, ge=0, le=3, description="Static 3 (0-3; may be left out when static 1 is 0)"
    )
    dynamic_1_hemiplegic_elbow: int | None = _follow_up("dynamic_1_hemiplegic_elbow")
    dynamic_2_repeat_1: int | None = _follow_up("dynamic_2_repeat_1")
    dynamic_3_repeat_1: int | None = _follow_up("dynamic_3_repeat_1")
    dynamic_4_unaffected_elbow: int | None = _follow_up("dynamic_4_unaffected_elbow")
    dynamic_5_repeat_4: int | None = _follow_up("dynamic_5_repeat_4")
    dynamic_6_repeat_4: int | None = _follow_up("dynamic_6_repeat_4")
    dynamic_7_pelvis_hemiplegic: int | None = _follow_up("dynamic_7_pelvis_hemiplegic")
    dynamic_8_repeat_7: int | None = _follow_up("dynamic_8_repeat_7")
    dynamic_9_pelvis_unaffected: int | None = _follow_up("dynamic_9_pelvis_unaffected")
    dynamic_10_repeat_9: int | None = _follow_up("dynamic_10_repeat_9")
    coordination_1_upper_trunk: int | None = _follow_up("coordination_1_upper_trunk")
    coordination_2_repeat_1_fast: int | None = _follow_up("coordination_2_repeat_1_fast")
    coordination_3_lower_trunk: int | None = _follow_up("coordination_3_lower_trunk")
    coordination_4_repeat_3_fast: int | None = _follow_up("coordination_4_repeat_3_fast")

    @model_validator(mode="after")
    def _complete(self) -> Inputs:
        values = self.model_dump()
        ri.check_levels(values, ITEMS)
        if self.static_1_sitting == 0:
            return self  # Verheyden 2004: a 0 on the first item makes the total 0.
        for name in ITEMS:
            parent = DEPENDS.get(name)
            if values[name] is None and (parent is None or values[parent] != 0):
                why = f" (needed because {parent} is not 0)" if parent else ""
                raise ValueError(f"{name} is required{why}")
            if parent and values[parent] == 0 and values[name]:
                raise ValueError(
                    f"{name} must be 0 when {parent} is 0 (Verheyden 2004), found {values[name]}"
                )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the static, dynamic and co-ordination items (0-23)."""
    values = inputs.model_dump()
    s = Score()
    if inputs.static_1_sitting == 0:
        s.add(ITEMS["static_1_sitting"].label, 0, 0, "first item 0: total TIS is 0")
        return CalcResult(
            calculator=META.id,
            value=0,
            interpretation="TIS 0/23: cannot sit unsupported for 10 seconds (first item 0, "
            "so the total is 0).",
            steps=s.steps,
            extra={"static": 0, "dynamic": 0, "coordination": 0},
        )
    subtotals = {}
    for part, items in (("static", STATIC), ("dynamic", DYNAMIC), ("coordination", COORDINATION)):
        start = s.total
        for name, item in items.items():
            v = values[name] or 0
            detail = item.options[v][0] if values[name] is not None else "parent item 0: scores 0"
            s.add(item.label, v, v, detail)
        subtotals[part] = int(s.total - start)
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"TIS {total}/23 (static sitting balance {subtotals['static']}/7, "
        f"dynamic sitting balance {subtotals['dynamic']}/10, co-ordination "
        f"{subtotals['coordination']}/6); higher scores mean better trunk control.",
        steps=s.steps,
        extra=subtotals,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (MDCalc's item wording; items numbered within each section) → kwargs.

    A follow-up item the task leaves out is left out here too; the input model then requires
    its parent item to be 0.
    """
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {}
    for name, item in ITEMS.items():
        exclude = () if name.startswith("coordination") else ("seconds",)
        if not f.has(*item.keys, exclude=exclude):
            continue
        field, value = f.raw(*item.keys, exclude=exclude)
        out[name] = ri.level_of(value, item, field=f"{META.id}: {field}")
    return out
