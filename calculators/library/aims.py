"""Abnormal Involuntary Movement Scale (AIMS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields, parse_yes

META = CalculatorMeta(
    id="aims",
    name="Abnormal Involuntary Movement Scale (AIMS)",
    synonyms=("AIMS", "Abnormal Involuntary Movement Scale", "AIMS tardive dyskinesia"),
    category="psychiatry",
    source="Guy W. ECDEU Assessment Manual for Psychopharmacology, revised. Rockville, MD: US "
    "Department of Health, Education, and Welfare; 1976 (DHEW Publication No. ADM 76-338): "
    "534-7. TD criteria: Schooler NR, Kane JM. Research diagnoses for tardive dyskinesia. "
    "Arch Gen Psychiatry. 1982;39(4):486-7.",
    output_type="integer",
    description="Seven body areas rated 0 (none) to 4 (severe) for abnormal involuntary "
    "movements (0-28); the global judgements and dental status are recorded alongside.",
)

# Guy 1976: every movement item is rated 0 none, 1 minimal (may be extreme normal), 2 mild,
# 3 moderate, 4 severe.
_SEVERITY = {
    0: ("None",),
    1: ("Minimal, may be extreme normal", "Minimal"),
    2: ("Mild",),
    3: ("Moderate",),
    4: ("Severe",),
}


def _area(label: str, *keys: str) -> ri.RatedItem:
    return ri.RatedItem(label, _SEVERITY, keys)


ITEMS: dict[str, ri.RatedItem] = {
    "facial": _area("1. Muscles of facial expression", "facial expression", "facial", "face"),
    "lips": _area("2. Lips and perioral area", "lips", "perioral"),
    "jaw": _area("3. Jaw", "jaw"),
    "tongue": _area("4. Tongue", "tongue"),
    "upper_extremities": _area(
        "5. Upper extremities (arms, wrists, hands, fingers)", "upper extremit", "upper"
    ),
    "lower_extremities": _area(
        "6. Lower extremities (legs, knees, ankles, toes)", "lower extremit", "lower"
    ),
    "trunk": _area("7. Neck, shoulders, hips (trunk movements)", "trunk", "neck"),
}

#: The unsummed global judgements (Guy 1976 items 8-10).
GLOBAL: dict[str, ri.RatedItem] = {
    "global_severity": ri.RatedItem(
        "8. Severity of abnormal movements overall", _SEVERITY, ("global severity", "overall")
    ),
    "incapacitation": ri.RatedItem(
        "9. Incapacitation due to abnormal movements",
        {
            0: ("None, normal", "None"),
            1: ("Minimal",),
            2: ("Mild",),
            3: ("Moderate",),
            4: ("Severe",),
        },
        ("incapacitation",),
    ),
    "awareness": ri.RatedItem(
        "10. Patient's awareness of abnormal movements (rate only patient's report)",
        {
            0: ("No awareness",),
            1: ("Aware, no distress",),
            2: ("Aware, mild distress",),
            3: ("Aware, moderate distress",),
            4: ("Aware, severe distress",),
        },
        ("awareness",),
    ),
}


def _optional(item: ri.RatedItem) -> Any:
    levels = "; ".join(f"{k} {v[0]}" for k, v in item.options.items())
    return Field(None, ge=0, le=4, description=f"{item.label} (unsummed, optional): {levels}")


class Inputs(CalcInputs):
    """AIMS items 1-7 (summed) and the optional global judgements and dental status."""

    facial: int = ri.item_field(ITEMS["facial"])
    lips: int = ri.item_field(ITEMS["lips"])
    jaw: int = ri.item_field(ITEMS["jaw"])
    tongue: int = ri.item_field(ITEMS["tongue"])
    upper_extremities: int = ri.item_field(ITEMS["upper_extremities"])
    lower_extremities: int = ri.item_field(ITEMS["lower_extremities"])
    trunk: int = ri.item_field(ITEMS["trunk"])
    global_severity: int | None = _optional(GLOBAL["global_severity"])
    incapacitation: int | None = _optional(GLOBAL["incapacitation"])
    awareness: int | None = _optional(GLOBAL["awareness"])
    dental_problems: bool | None = Field(
        None, description="11. Current problems with teeth and/or dentures (optional)"
    )
    dentures: bool | None = Field(None, description="12. Patient usually wears dentures (optional)")

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the seven movement items (0-28) and the Schooler-Kane TD threshold."""
    values = inputs.model_dump()
    steps, total = ri.item_steps(values, ITEMS)
    ratings = [values[k] for k in ITEMS]
    # Schooler & Kane 1982: at least 'moderate' (3) in one body area or 'mild' (2) in two
    # areas supports a research diagnosis of tardive dyskinesia (with ≥ 3 months' exposure).
    meets = any(r >= 3 for r in ratings) or sum(r >= 2 for r in ratings) >= 2
    reading = (
        "Movements meet the Schooler-Kane threshold for tardive dyskinesia (≥ mild in two "
        "areas or ≥ moderate in one)"
        if meets
        else "Movements below the Schooler-Kane threshold for tardive dyskinesia"
    )
    extra = {k: values[k] for k in ("global_severity", "incapacitation", "awareness")}
    extra |= {"dental_problems": inputs.dental_problems, "dentures": inputs.dentures}
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"AIMS {total}/28. {reading}.",
        steps=steps,
        warnings=[
            "A tardive dyskinesia diagnosis also needs ≥ 3 months of antipsychotic exposure and "
            "no other cause of the movements."
        ],
        extra=extra,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('2 (Mild)' per area; global judgements as text) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = ri.read_items(f, ITEMS)
    for name, item in GLOBAL.items():
        if f.has(*item.keys):
            field, value = f.raw(*item.keys)
            out[name] = ri.level_of(value, item, field=f"{META.id}: {field}")
    if f.has("dental"):
        out["dental_problems"] = f.yes("dental")
    if f.has("dentures worn", "wears dentures"):
        out["dentures"] = parse_yes(f.value("dentures worn", "wears dentures"))
    return out
