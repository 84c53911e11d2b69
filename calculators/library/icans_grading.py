"""ASTCT consensus grading of immune effector cell-associated neurotoxicity (ICANS), adults."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="icans_grading",
    name="Immune Effector Cell-Associated Neurotoxicity Syndrome (ICANS) Consensus Grading "
    "for Adults",
    synonyms=("ICANS grading", "ASTCT ICANS grade", "ICANS"),
    category="oncology",
    source="Lee DW, Santomasso BD, Locke FL, et al. ASTCT consensus grading for cytokine "
    "release syndrome and neurologic toxicity associated with immune effector cells. Biol "
    "Blood Marrow Transplant. 2019;25(4):625-638.",
    output_type="text",
    description="ICANS grade 0-4: the most severe of the ICE score, level of consciousness, "
    "seizure, motor findings and raised intracranial pressure / cerebral oedema.",
)

Consciousness = Literal[
    "normal",
    "awakens_spontaneously",
    "awakens_to_voice",
    "awakens_to_tactile",
    "unarousable_or_coma",
]
Seizure = Literal["none", "resolving_or_nonconvulsive", "prolonged_or_repetitive"]
Edema = Literal["none", "focal", "diffuse"]

#: Grade of each domain's answer (ASTCT 2019 Table 5).
CONSCIOUSNESS_GRADE = {
    "normal": 0,
    "awakens_spontaneously": 1,
    "awakens_to_voice": 2,
    "awakens_to_tactile": 3,
    "unarousable_or_coma": 4,
}
SEIZURE_GRADE = {"none": 0, "resolving_or_nonconvulsive": 3, "prolonged_or_repetitive": 4}
EDEMA_GRADE = {"none": 0, "focal": 3, "diffuse": 4}


class Inputs(CalcInputs):
    """Inputs of the ICANS grading."""

    ice_score: int = Field(
        ge=0, le=10, description="ICE score (0-10; a patient who is unarousable scores 0)"
    )
    consciousness: Consciousness = Field(
        description="Depressed level of consciousness: normal; awakens spontaneously (1); to "
        "voice (2); only to tactile stimulus (3); unarousable / vigorous stimuli / stupor or "
        "coma (4)"
    )
    seizure: Seizure = Field(
        description="Seizure: none; any clinical seizure resolving rapidly or non-convulsive "
        "seizures on EEG resolving with intervention (3); life-threatening prolonged (> 5 min) "
        "or repetitive seizures without return to baseline (4)"
    )
    deep_focal_motor_weakness: bool = Field(
        description="Deep focal motor weakness such as hemiparesis or paraparesis (4)"
    )
    cerebral_edema: Edema = Field(
        description="Raised ICP / cerebral oedema: none; focal/local oedema on neuroimaging (3); "
        "diffuse oedema, decerebrate/decorticate posturing, CN VI palsy, papilledema or "
        "Cushing's triad (4)"
    )


def _ice_grade(ice: int, consciousness: str) -> int:
    # ASTCT 2019: ICE 10 → 0; 7-9 → 1; 3-6 → 2; 0-2 → 3; 0 because unarousable → 4.
    if ice == 0 and consciousness == "unarousable_or_coma":
        return 4
    return 0 if ice == 10 else 1 if ice >= 7 else 2 if ice >= 3 else 3


def compute(inputs: Inputs) -> CalcResult:
    """ICANS grade = the most severe domain (ASTCT 2019)."""
    i = inputs
    domains = [
        ("ICE score", i.ice_score, _ice_grade(i.ice_score, i.consciousness)),
        ("Depressed level of consciousness", i.consciousness, CONSCIOUSNESS_GRADE[i.consciousness]),
        ("Seizure", i.seizure, SEIZURE_GRADE[i.seizure]),
        ("Motor findings", i.deep_focal_motor_weakness, 4 if i.deep_focal_motor_weakness else 0),
        ("Raised ICP / cerebral oedema", i.cerebral_edema, EDEMA_GRADE[i.cerebral_edema]),
    ]
    grade = max(g for _, _, g in domains)
    steps = [Step(label=label, value=value, detail=f"grade {g}") for label, value, g in domains]
    text = "No ICANS" if grade == 0 else f"Grade {grade} ICANS"
    return CalcResult(
        calculator=META.id,
        value=f"Grade {grade}",
        interpretation=f"{text} (the most severe domain determines the grade)",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "ice_score": int(f.number("ice score 0", "ice score")),
        "consciousness": f.option(
            "consciousness",
            options={
                "normal": ("Alert", "Normal", "Not depressed"),
                "awakens_spontaneously": ("Awakens spontaneously",),
                "awakens_to_voice": ("Awakens to voice",),
                "awakens_to_tactile": ("Awakens only to tactile stimulus", "tactile"),
                "unarousable_or_coma": ("Unarousable", "coma", "stupor"),
            },
        ),
        "seizure": f.option(
            "seizure",
            options={
                "none": ("No seizure", "None"),
                "resolving_or_nonconvulsive": (
                    "Any clinical seizure that resolves rapidly",
                    "nonconvulsive",
                ),
                "prolonged_or_repetitive": ("Life-threatening prolonged seizure", "repetitive"),
            },
        ),
        "deep_focal_motor_weakness": not f.text("motor").strip().lower().startswith("no"),
        "cerebral_edema": f.option(
            "intracranial",
            "edema",
            options={
                "none": ("No evidence of ICP/cerebral edema", "None", "No"),
                "focal": ("Focal/local edema on neuroimaging", "focal"),
                "diffuse": ("Diffuse cerebral edema", "diffuse", "posturing", "papilledema"),
            },
        ),
    }
