"""FOUR (Full Outline of UnResponsiveness) Score for coma."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="four_score",
    name="FOUR (Full Outline of UnResponsiveness) Score",
    synonyms=("FOUR score", "Full Outline of UnResponsiveness", "FOUR coma scale"),
    category="neurology",
    source="Wijdicks EF, Bamlet WR, Maramattom BV, Manno EM, McClelland RL. Validation of a "
    "new coma scale: the FOUR score. Ann Neurol. 2005;58(4):585-593.",
    doi="10.1002/ana.20611",
    pmid="16178024",
    output_type="integer",
    description="Eye response, motor response, brainstem reflexes and respiration, each 0-4 "
    "(total 0-16); lower scores mean deeper coma.",
)

# Wijdicks 2005 descriptors, 4 (best) to 0.
EYE: dict[int, tuple[str, ...]] = {
    4: ("Eyelids open or opened, tracking, or blinking to command",),
    3: ("Eyelids open but not tracking",),
    2: ("Eyelids closed but open to loud voice",),
    1: ("Eyelids closed but open to pain",),
    0: ("Eyelids remain closed with pain",),
}
MOTOR: dict[int, tuple[str, ...]] = {
    4: ("Thumbs-up, fist, or peace sign",),
    3: ("Localizing to pain",),
    2: ("Flexion response to pain",),
    1: ("Extension response to pain",),
    0: ("No response to pain or generalized myoclonus status",),
}
BRAINSTEM: dict[int, tuple[str, ...]] = {
    4: ("Pupil and corneal reflexes present",),
    3: ("One pupil wide and fixed",),
    2: ("Pupil or corneal reflexes absent",),
    1: ("Pupil and corneal reflexes absent",),
    0: ("Absent pupil, corneal, and cough reflex",),
}
RESPIRATION: dict[int, tuple[str, ...]] = {
    4: ("Not intubated, regular breathing pattern",),
    3: ("Not intubated, Cheyne-Stokes breathing pattern",),
    2: ("Not intubated, irregular breathing",),
    1: ("Breathes above ventilator rate",),
    0: ("Breathes at ventilator rate or apnea",),
}


def _describe(table: dict[int, tuple[str, ...]]) -> str:
    return "; ".join(f"{k} {v[0]}" for k, v in table.items())


class Inputs(CalcInputs):
    """FOUR score components (0-4 each)."""

    eye: int = Field(ge=0, le=4, description="Eye response: " + _describe(EYE))
    motor: int = Field(ge=0, le=4, description="Motor response: " + _describe(MOTOR))
    brainstem: int = Field(ge=0, le=4, description="Brainstem reflexes: " + _describe(BRAINSTEM))
    respiration: int = Field(ge=0, le=4, description="Respiration: " + _describe(RESPIRATION))


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the four components (0-16) with the E/M/B/R profile."""
    s = Score()
    s.add("Eye response (E)", inputs.eye, inputs.eye, EYE[inputs.eye][0])
    s.add("Motor response (M)", inputs.motor, inputs.motor, MOTOR[inputs.motor][0])
    s.add(
        "Brainstem reflexes (B)", inputs.brainstem, inputs.brainstem, BRAINSTEM[inputs.brainstem][0]
    )
    s.add(
        "Respiration (R)",
        inputs.respiration,
        inputs.respiration,
        RESPIRATION[inputs.respiration][0],
    )
    total = int(s.total)
    profile = f"E{inputs.eye} M{inputs.motor} B{inputs.brainstem} R{inputs.respiration}"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"FOUR score {total}/16 ({profile}); lower scores indicate deeper coma.",
        steps=s.steps,
        extra={"profile": profile},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc FOUR inputs (descriptor text per component) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "eye": f.option("eye", options=EYE),
        "motor": f.option("motor", options=MOTOR),
        "brainstem": f.option("brainstem", "brain stem", options=BRAINSTEM),
        "respiration": f.option("respiration", "breathing", options=RESPIRATION),
    }
