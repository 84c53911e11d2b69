"""Barnes Akathisia Rating Scale (BARS)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="barnes_akathisia",
    name="Barnes Akathisia Rating Scale (BARS)",
    synonyms=("BARS", "Barnes Akathisia Scale", "BAS akathisia"),
    category="psychiatry",
    source="Barnes TR. A rating scale for drug-induced akathisia. Br J Psychiatry. 1989;154:672-6.",
    doi="10.1192/bjp.154.5.672",
    pmid="2574607",
    output_type="integer",
    description="Global clinical assessment of drug-induced akathisia (0 absent to 5 severe), "
    "with the objective, subjective-awareness and distress items (0-3 each) rated first.",
)

#: MedMCP-Calc answers that depart from the published scale (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_013_e75c660d", 2): (
        "BARS: the task adds all four items (3 + 3 + 3 + 3 = 12), but Barnes 1989 rates "
        "akathisia by the global clinical assessment (0-5; here 3, moderate akathisia); the "
        "objective and subjective items are rated separately (their sum, 9, is in extra)."
    ),
}

# Barnes 1989 anchors (as reprinted on the BARS form).
ITEMS: dict[str, ri.RatedItem] = {
    "objective": ri.RatedItem(
        "Objective",
        {
            0: ("Normal, occasional fidgety movements of the limbs",),
            1: ("Characteristic restless movements present for less than half the time observed",),
            2: ("Restless movements present for at least half the observation period",),
            3: (
                "Constantly engaged in characteristic restless movements and/or unable to remain "
                "seated or standing without walking or pacing",
            ),
        },
        ("objective",),
    ),
    "subjective_awareness": ri.RatedItem(
        "Subjective: awareness of restlessness",
        {
            0: ("Absence of inner restlessness",),
            1: ("Non-specific sense of inner restlessness",),
            2: (
                "Aware of an inability to keep the legs still or a desire to move the legs, "
                "and/or inner restlessness aggravated by being required to stand still",
            ),
            3: (
                "Awareness of an intense compulsion to move most of the time and/or strong "
                "desire to walk or pace most of the time",
            ),
        },
        ("awareness",),
    ),
    "subjective_distress": ri.RatedItem(
        "Subjective: distress related to restlessness",
        {0: ("No distress",), 1: ("Mild",), 2: ("Moderate",), 3: ("Severe",)},
        ("distress",),
    ),
}

GLOBAL = ri.RatedItem(
    "Global clinical assessment of akathisia",
    {
        0: ("Absent",),
        1: ("Questionable",),
        2: ("Mild akathisia",),
        3: ("Moderate akathisia",),
        4: ("Marked akathisia",),
        5: ("Severe akathisia",),
    },
    ("global",),
)


class Inputs(CalcInputs):
    """The three rated items (0-3) and the global clinical assessment (0-5)."""

    objective: int = ri.item_field(ITEMS["objective"])
    subjective_awareness: int = ri.item_field(ITEMS["subjective_awareness"])
    subjective_distress: int = ri.item_field(ITEMS["subjective_distress"])
    global_assessment: int = ri.item_field(GLOBAL)

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), {**ITEMS, "global_assessment": GLOBAL})
        return self


def compute(inputs: Inputs) -> CalcResult:
    """The global assessment as the rating; the three items and their sum as steps and extra."""
    s = Score()
    for name, item in ITEMS.items():
        v = getattr(inputs, name)
        s.add(item.label, v, v, item.options[v][0])
    items_total = int(s.total)
    g = inputs.global_assessment
    category = GLOBAL.options[g][0]
    return CalcResult(
        calculator=META.id,
        value=g,
        interpretation=f"{category} (BARS global {g}/5; objective + subjective items "
        f"{items_total}/9)",
        steps=[*s.steps, Step(label=GLOBAL.label, value=g, detail=category)],
        extra={"items_total": items_total, "category": category},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('3 (Moderate): ...' per item) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = ri.read_items(f, ITEMS)
    field, value = f.raw(*GLOBAL.keys)
    out["global_assessment"] = ri.level_of(value, GLOBAL, field=f"{META.id}: {field}")
    return out
