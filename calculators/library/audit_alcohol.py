"""Alcohol Use Disorders Identification Test (AUDIT)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._medmcp_fields import Fields, match_option

META = CalculatorMeta(
    id="audit_alcohol",
    name="Alcohol Use Disorders Identification Test (AUDIT)",
    synonyms=("AUDIT", "AUDIT alcohol screen", "Alcohol Use Disorders Identification Test"),
    category="psychiatry",
    source="Saunders JB, Aasland OG, Babor TF, de la Fuente JR, Grant M. Development of the "
    "Alcohol Use Disorders Identification Test (AUDIT). Addiction. 1993;88(6):791-804; "
    "risk zones from Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. The AUDIT: "
    "Guidelines for Use in Primary Care, 2nd ed. WHO/MSD/MSB/01.6a, 2001.",
    output_type="integer",
    description="Ten WHO questions on alcohol intake, dependence and harm (0-40); 8 or more "
    "flags hazardous or harmful drinking.",
)

# WHO AUDIT scoring (Babor 2001; auditscreen.org): items 1-8 score 0-4 left to right,
# items 9-10 score 0, 2 or 4.
_OFTEN = {
    0: ("Never",),
    1: ("Less than monthly",),
    2: ("Monthly",),
    3: ("Weekly",),
    4: ("Daily or almost daily",),
}
_HARM = {0: ("No",), 2: ("Yes, but not in the last year",), 4: ("Yes, during the last year",)}

ITEMS: dict[str, ri.RatedItem] = {
    "frequency": ri.RatedItem(
        "1. How often do you have a drink containing alcohol?",
        {
            0: ("Never",),
            1: ("Monthly or less",),
            2: ("2-4 times a month", "2 to 4 times a month"),
            3: ("2-3 times a week", "2 to 3 times a week"),
            4: ("4 or more times a week", "4+ times a week"),
        },
        ("how often do you have a drink", "frequency"),
    ),
    "typical_quantity": ri.RatedItem(
        "2. How many drinks containing alcohol do you have on a typical day when drinking?",
        {
            0: ("1 or 2",),
            1: ("3 or 4",),
            2: ("5 or 6",),
            3: ("7 to 9", "7-9"),
            4: ("10 or more",),
        },
        ("typical day", "how many drinks"),
    ),
    "six_or_more": ri.RatedItem(
        "3. How often do you have six or more drinks on one occasion?",
        _OFTEN,
        ("six or more", "6 or more"),
    ),
    "unable_to_stop": ri.RatedItem(
        "4. How often in the last year were you not able to stop drinking once started?",
        _OFTEN,
        ("not able to stop", "unable to stop"),
    ),
    "failed_expectations": ri.RatedItem(
        "5. How often in the last year did you fail to do what was expected because of drinking?",
        _OFTEN,
        ("failed", "normally expected"),
    ),
    "morning_drink": ri.RatedItem(
        "6. How often in the last year did you need a first drink in the morning?",
        _OFTEN,
        ("morning",),
    ),
    "guilt": ri.RatedItem(
        "7. How often in the last year did you feel guilt or remorse after drinking?",
        _OFTEN,
        ("guilt", "remorse"),
    ),
    "blackout": ri.RatedItem(
        "8. How often in the last year were you unable to remember the night before?",
        _OFTEN,
        ("remember", "blackout"),
    ),
    "injury": ri.RatedItem(
        "9. Have you or someone else been injured because of your drinking?",
        _HARM,
        ("injured", "injury"),
    ),
    "others_concerned": ri.RatedItem(
        "10. Has anyone been concerned about your drinking or suggested you cut down?",
        _HARM,
        ("concerned", "cut down"),
    ),
}


class Inputs(CalcInputs):
    """The ten AUDIT answers as points (items 1-8: 0-4; items 9-10: 0, 2 or 4)."""

    frequency: int = ri.item_field(ITEMS["frequency"])
    typical_quantity: int = ri.item_field(ITEMS["typical_quantity"])
    six_or_more: int = ri.item_field(ITEMS["six_or_more"])
    unable_to_stop: int = ri.item_field(ITEMS["unable_to_stop"])
    failed_expectations: int = ri.item_field(ITEMS["failed_expectations"])
    morning_drink: int = ri.item_field(ITEMS["morning_drink"])
    guilt: int = ri.item_field(ITEMS["guilt"])
    blackout: int = ri.item_field(ITEMS["blackout"])
    injury: int = ri.item_field(ITEMS["injury"])
    others_concerned: int = ri.item_field(ITEMS["others_concerned"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def zone(total: int) -> str:
    """WHO risk zone and intervention (Babor 2001): I 0-7, II 8-15, III 16-19, IV 20-40."""
    if total >= 20:
        return (
            "Zone IV (20-40): possible alcohol dependence; referral to a specialist for "
            "diagnostic evaluation and treatment"
        )
    if total >= 16:
        return (
            "Zone III (16-19): harmful use; simple advice plus brief counselling and "
            "continued monitoring"
        )
    if total >= 8:
        return "Zone II (8-15): hazardous use; simple advice"
    return "Zone I (0-7): low risk; alcohol education"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the ten items (0-40) with the WHO risk zone."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    text = zone(total)
    warnings = []
    if (
        max(inputs.unable_to_stop, inputs.failed_expectations, inputs.morning_drink) >= 2
        or max(inputs.injury, inputs.others_concerned) == 4
    ):
        # Babor 2001: give the next level of intervention to patients scoring 2 or more on
        # questions 4-6, or 4 on questions 9 or 10.
        warnings.append(
            "2+ points on a dependence item (4-6) or 4 on item 9 or 10: the WHO manual advises "
            "the next higher level of intervention."
        )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{text}.",
        steps=steps,
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Weekly (+3)', '2-3 times a week') → kwargs.

    Answers to questions 1 and 2 start with numbers that are not points ('2-3 times a week',
    '3 or 4'), so an answer is matched to the option texts first and read as a level only
    when no option text fits.
    """
    fields = Fields(inputs, META.id)
    out: dict[str, int] = {}
    for name, item in ITEMS.items():
        field, value = fields.raw(*item.keys)
        where = f"{META.id}: {field}"
        try:
            out[name] = int(match_option(value, item.options, field=where))
        except AdapterError:
            out[name] = ri.level_of(value, item, field=where)
    return out
