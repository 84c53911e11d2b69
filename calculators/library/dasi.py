"""Duke Activity Status Index (DASI): functional capacity and estimated peak VO2."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="dasi",
    name="Duke Activity Status Index (DASI)",
    synonyms=("DASI", "Duke Activity Status Index"),
    category="cardiology",
    source="Hlatky MA, Boineau RE, Higginbotham MB, et al. A brief self-administered "
    "questionnaire to determine functional capacity (the Duke Activity Status Index). "
    "Am J Cardiol. 1989;64(10):651-654.",
    pmid="2782256",
    output_type="decimal",
    description="Weighted sum (0-58.2) of 12 activities the patient can do; peak VO2 ≈ "
    "0.43 × DASI + 9.6 mL/kg/min and METs = VO2 / 3.5.",
)

# Hlatky 1989 item weights (MET-based), in questionnaire order.
_ITEMS = (
    ("self_care", "Take care of yourself (eating, dressing, bathing, toilet)", 2.75),
    ("walk_indoors", "Walk indoors, such as around your house", 1.75),
    ("walk_1_2_blocks", "Walk a block or two on level ground", 2.75),
    ("climb_stairs_or_hill", "Climb a flight of stairs or walk up a hill", 5.50),
    ("run_short_distance", "Run a short distance", 8.00),
    ("light_housework", "Light work around the house (dusting, washing dishes)", 2.70),
    ("moderate_housework", "Moderate work around the house (vacuuming, sweeping)", 3.50),
    ("heavy_housework", "Heavy work around the house (scrubbing floors, moving furniture)", 8.00),
    ("yard_work", "Yard work (raking leaves, weeding, pushing a power mower)", 4.50),
    ("sexual_relations", "Have sexual relations", 5.25),
    ("moderate_recreation", "Moderate recreational activities (golf, bowling, dancing)", 6.00),
    ("strenuous_sports", "Strenuous sports (swimming, singles tennis, football, skiing)", 7.50),
)


class Inputs(CalcInputs):
    """Whether the patient can do each DASI activity."""

    self_care: bool = Field(description="Take care of self: eating, dressing, bathing (2.75)")
    walk_indoors: bool = Field(description="Walk indoors (1.75)")
    walk_1_2_blocks: bool = Field(description="Walk a block or two on level ground (2.75)")
    climb_stairs_or_hill: bool = Field(description="Climb a flight of stairs or a hill (5.50)")
    run_short_distance: bool = Field(description="Run a short distance (8.00)")
    light_housework: bool = Field(description="Light housework (2.70)")
    moderate_housework: bool = Field(description="Moderate housework (3.50)")
    heavy_housework: bool = Field(description="Heavy housework (8.00)")
    yard_work: bool = Field(description="Yard work (4.50)")
    sexual_relations: bool = Field(description="Sexual relations (5.25)")
    moderate_recreation: bool = Field(description="Moderate recreational activities (6.00)")
    strenuous_sports: bool = Field(description="Strenuous sports (7.50)")


def compute(inputs: Inputs) -> CalcResult:
    """DASI = Σ weights of 'yes' items; VO2peak = 0.43 × DASI + 9.6; METs = VO2 / 3.5."""
    data = inputs.model_dump()
    s = Score()
    for key, label, weight in _ITEMS:
        s.flag(label, data[key], weight)
    dasi = round(s.total, 2)
    # Hlatky 1989 regression of measured peak VO2 on DASI; 1 MET = 3.5 mL O2/kg/min.
    vo2 = 0.43 * dasi + 9.6
    mets = vo2 / 3.5
    steps = [
        *s.steps,
        Step(label="Peak VO2", value=round(vo2, 1), detail="0.43 × DASI + 9.6 [mL/kg/min]"),
        Step(label="METs", value=round(mets, 2), detail="VO2 / 3.5"),
    ]
    return CalcResult(
        calculator=META.id,
        value=dasi,
        interpretation=f"DASI {dasi:g}: estimated peak VO2 {vo2:.1f} mL/kg/min, {mets:.2f} METs.",
        steps=steps,
        extra={"vo2_peak_ml_kg_min": round(vo2, 1), "mets": round(mets, 2)},
    )


_KEYS: dict[str, tuple[str, ...]] = {
    "self_care": ("take care", "self care", "yourself"),
    "walk_indoors": ("walk indoors", "indoors"),
    "walk_1_2_blocks": ("block", "level ground"),
    "climb_stairs_or_hill": ("stairs", "climb"),
    "run_short_distance": ("run",),
    "light_housework": ("light",),
    "moderate_housework": ("moderate work", "vacuum"),
    "heavy_housework": ("heavy",),
    "yard_work": ("yard",),
    "sexual_relations": ("sexual",),
    "moderate_recreation": ("recreational", "golf"),
    "strenuous_sports": ("strenuous",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc DASI inputs (yes/no per activity) → Inputs."""
    f = Fields(inputs, META.id)
    return {key: f.yes(*keys) for key, keys in _KEYS.items()}
