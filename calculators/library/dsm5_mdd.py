"""DSM-5 criteria for major depressive disorder (major depressive episode)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _dsm5_depressive_episode as mde
from m3agent.calculators.library._medmcp_fields import Fields, first_number, parse_yes

META = CalculatorMeta(
    id="dsm5_mdd",
    name="DSM-5 Criteria for Major Depressive Disorder",
    synonyms=("DSM-5 MDD", "DSM-5 major depressive disorder", "DSM-5 major depression criteria"),
    category="psychiatry",
    source="American Psychiatric Association. Diagnostic and Statistical Manual of Mental "
    "Disorders, Fifth Edition (DSM-5). Arlington, VA: American Psychiatric Publishing; 2013: "
    "Major Depressive Disorder, diagnostic criteria A-E (296.2x/296.3x).",
    output_type="text",
    description="Positive when ≥ 5 of 9 symptoms (including depressed mood or loss of "
    "interest) are present for ≥ 2 weeks with distress or impairment, not due to a substance "
    "or medical condition, not better explained by a psychotic disorder, and with no manic or "
    "hypomanic episode ever.",
)

#: Criterion A symptoms (wording in :data:`mde.SYMPTOMS`) → MedMCP key phrases.
_KEYS: dict[str, tuple[str, ...]] = {
    "depressed_mood": ("depressed mood",),
    "anhedonia": ("loss of interest", "interest"),
    "weight_appetite": ("weight", "appetite"),
    "sleep": ("insomnia", "hypersomnia", "sleep"),
    "psychomotor": ("psychomotor",),
    "fatigue": ("fatigue", "energy"),
    "worthlessness": ("worthlessness", "guilt"),
    "concentration": ("concentrate", "think"),
    "death_thoughts": ("thoughts of death", "suicid"),
}


def _symptom(name: str) -> Any:
    return mde.symptom_field(name, "A")


class Inputs(CalcInputs):
    """Criterion A symptoms, episode duration and criteria B-E."""

    depressed_mood: bool = _symptom("depressed_mood")
    anhedonia: bool = _symptom("anhedonia")
    weight_appetite: bool = _symptom("weight_appetite")
    sleep: bool = _symptom("sleep")
    psychomotor: bool = _symptom("psychomotor")
    fatigue: bool = _symptom("fatigue")
    worthlessness: bool = _symptom("worthlessness")
    concentration: bool = _symptom("concentration")
    death_thoughts: bool = _symptom("death_thoughts")
    duration_weeks: float = Field(
        ge=0, le=520, description="Duration of the episode in weeks (A requires ≥ 2 weeks)"
    )
    distress_or_impairment: bool = Field(
        description="B: clinically significant distress or impairment in functioning"
    )
    not_substance_or_medical: bool = Field(
        description="C: episode not attributable to a substance or another medical condition"
    )
    not_psychotic_disorder: bool = Field(
        description="D: not better explained by schizoaffective disorder, schizophrenia or "
        "another psychotic disorder"
    )
    no_mania_or_hypomania: bool = Field(description="E: never a manic or hypomanic episode")


def compute(inputs: Inputs) -> CalcResult:
    """Check criteria A-E (DSM-5, 2013)."""
    count, core = mde.criterion_a(inputs)
    criteria = [
        ("A: ≥ 5 of 9 symptoms", count >= 5, f"{count} of 9 present"),
        ("A: depressed mood or loss of interest among them", core, None),
        ("A: same 2-week period", inputs.duration_weeks >= 2, f"{inputs.duration_weeks:g} weeks"),
        ("B: distress or impairment", inputs.distress_or_impairment, None),
        ("C: not due to a substance or medical condition", inputs.not_substance_or_medical, None),
        ("D: not better explained by a psychotic disorder", inputs.not_psychotic_disorder, None),
        ("E: no manic or hypomanic episode", inputs.no_mania_or_hypomania, None),
    ]
    steps = [Step(label=k, value=v, detail=d) for k, v, d in criteria]
    steps[:0] = [Step(label=text, value=getattr(inputs, k)) for k, text in mde.SYMPTOMS.items()]
    unmet = [k for k, v, _ in criteria if not v]
    positive = not unmet
    return CalcResult(
        calculator=META.id,
        value="Positive" if positive else "Negative",
        interpretation=(
            "Positive: criteria for major depressive disorder met (DSM-5)"
            if positive
            else "Negative: criteria not met (" + "; ".join(unmet) + ")"
        ),
        steps=steps,
        extra={"symptom_count": count},
    )


def _present(value: Any, field: str) -> bool:
    # 'Present (insomnia)', 'Absent (...)', 'True', 'Yes' → bool.
    words = str(value).strip().lower()
    if words.startswith("present"):
        return True
    if words.startswith("absent"):
        return False
    return parse_yes(value, field=field)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Present (...)' / 'Absent (...)', duration in weeks) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {}
    for name, keys in _KEYS.items():
        field, value = f.raw(*keys, exclude=("duration",))
        out[name] = _present(value, field)
    field, value = f.raw("duration")
    weeks = first_number(value, field=field)
    text = str(value).lower()
    if "day" in text:
        weeks /= 7
    elif "month" in text:
        weeks *= 52 / 12
    out["duration_weeks"] = weeks
    for name, keys in (
        ("distress_or_impairment", ("distress", "impairment")),
        ("not_substance_or_medical", ("substance",)),
        ("not_psychotic_disorder", ("psychotic", "schizo")),
        ("no_mania_or_hypomania", ("manic", "mania")),
    ):
        field, value = f.raw(*keys)
        out[name] = _present(value, field)
    return out
