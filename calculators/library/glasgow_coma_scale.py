"""Glasgow Coma Scale / Score."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError

META = CalculatorMeta(
    id="glasgow_coma_scale",
    name="Glasgow Coma Score (GCS)",
    synonyms=("Glasgow Coma Scale (GCS)", "GCS", "Glasgow Coma Scale", "Glasgow coma score"),
    category="neurology",
    source="Teasdale G, Jennett B. Assessment of coma and impaired consciousness. A practical "
    "scale. Lancet. 1974;2(7872):81-84; non-testable components: Teasdale G, et al. The "
    "Glasgow Coma Scale at 40 years. Lancet Neurol. 2014;13(8):844-854.",
    doi="10.1016/S0140-6736(74)91639-0",
    pmid="4136544",
    output_type="integer",
    medcalc_id=21,
    description="Level of consciousness as eye (1-4) + verbal (1-5) + motor (1-6) = 3-15.",
)

NT = Literal["NT"]


class Inputs(CalcInputs):
    """Inputs of the GCS: each component as its score, or 'NT' when it cannot be tested."""

    eye: Annotated[int, Field(ge=1, le=4)] | NT = Field(
        description="Eye opening: 4 spontaneous, 3 to voice, 2 to pain, 1 none, NT not testable"
    )
    verbal: Annotated[int, Field(ge=1, le=5)] | NT = Field(
        description="Verbal: 5 oriented, 4 confused, 3 inappropriate words, 2 incomprehensible "
        "sounds, 1 none, NT not testable (e.g. intubated)"
    )
    motor: Annotated[int, Field(ge=1, le=6)] | NT = Field(
        description="Motor: 6 obeys, 5 localizes, 4 withdraws, 3 abnormal flexion, 2 extension, "
        "1 none, NT not testable"
    )


def compute(inputs: Inputs) -> CalcResult:
    """GCS = E + V + M; with a non-testable component there is no total (Teasdale 2014)."""
    parts = (("Eye", "E", inputs.eye), ("Verbal", "V", inputs.verbal), ("Motor", "M", inputs.motor))
    notation = " ".join(f"{k}({v})" for _, k, v in parts)
    steps: list[Step] = []
    total = 0
    for label, _, v in parts:
        if v != "NT":
            total += int(v)
        steps.append(
            Step(label=label, value=v, points=None if v == "NT" else float(v), total=float(total))
        )
    if "NT" in (inputs.eye, inputs.verbal, inputs.motor):
        return CalcResult(
            calculator=META.id,
            value=notation,
            interpretation="Glasgow Coma Score cannot be calculated: one or more components "
            f"not testable; report the components {notation}.",
            steps=steps,
            warnings=[
                "A component is not testable: the GCS total is undefined and the "
                "components must be reported separately (Teasdale 2014)."
            ],
            extra={"components": notation},
        )
    severity = (
        "severe (≤ 8)" if total <= 8 else "moderate (9-12)" if total <= 12 else "mild (13-15)"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"GCS {total}: {severity} brain injury range; {notation}.",
        steps=steps,
        extra={"components": notation},
    )


_EYE = {
    "eyes open spontaneously": 4,
    "spontaneous": 4,
    "eye opening to verbal command": 3,
    "to verbal command": 3,
    "to voice": 3,
    "to sound": 3,
    "eye opening to pain": 2,
    "to pain": 2,
    "no eye opening": 1,
    "none": 1,
    "not testable": "NT",
}
_VERBAL = {
    "oriented": 5,
    "confused": 4,
    "inappropriate words": 3,
    "incomprehensible sounds": 2,
    "incomprehensible": 2,
    "no verbal response": 1,
    "none": 1,
    "not testable": "NT",
}
_MOTOR = {
    "obeys commands": 6,
    "localizes pain": 5,
    "withdrawal from pain": 4,
    "withdraws": 4,
    "flexion to pain": 3,
    "abnormal flexion": 3,
    "extension to pain": 2,
    "extension": 2,
    "no motor response": 1,
    "none": 1,
    "not testable": "NT",
}


def _component(value: Any, table: dict[str, Any], what: str) -> int | str:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text.startswith("not testable") or "(nt)" in text:
        return "NT"
    for key in sorted(table, key=len, reverse=True):
        if text.startswith(key):
            return table[key]
    raise AdapterError(
        f"unrecognised GCS {what} response {value!r}; expected one of {sorted(table)}."
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (descriptive responses → component scores)."""
    return {
        "eye": _component(mc.get(entities, "Best eye response"), _EYE, "eye"),
        "verbal": _component(mc.get(entities, "Best verbal response"), _VERBAL, "verbal"),
        "motor": _component(mc.get(entities, "Best motor response"), _MOTOR, "motor"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('To verbal command (+3)') → inputs."""
    m = kw.KeywordInputs(inputs)
    return {
        "eye": _component(m.find("eye"), _EYE, "eye"),
        "verbal": _component(m.find("verbal"), _VERBAL, "verbal"),
        "motor": _component(m.find("motor"), _MOTOR, "motor"),
    }
