"""DSM-5 major depressive episode, criterion A: the nine symptoms both DSM-5 calculators check.

Wording from American Psychiatric Association. Diagnostic and Statistical Manual of Mental
Disorders, Fifth Edition (DSM-5). Arlington, VA: American Psychiatric Publishing; 2013: Major
Depressive Disorder criterion A, the same list as criterion A of the major depressive episode
of Bipolar I and Bipolar II Disorder. Criterion A asks for five (or more) of the nine during
the same 2-week period, at least one of them depressed mood or loss of interest or pleasure.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

#: Input name → DSM-5 wording, in the manual's order.
SYMPTOMS: dict[str, str] = {
    "depressed_mood": "Depressed mood most of the day, nearly every day",
    "anhedonia": "Markedly diminished interest or pleasure in all, or almost all, activities",
    "weight_appetite": "Significant weight loss or gain, or decrease or increase in appetite",
    "sleep": "Insomnia or hypersomnia nearly every day",
    "psychomotor": "Psychomotor agitation or retardation observable by others",
    "fatigue": "Fatigue or loss of energy nearly every day",
    "worthlessness": "Feelings of worthlessness or excessive or inappropriate guilt",
    "concentration": "Diminished ability to think or concentrate, or indecisiveness",
    "death_thoughts": "Recurrent thoughts of death, suicidal ideation, a suicide attempt or a "
    "specific plan",
}


def symptom_field(name: str, criterion: str) -> Any:
    """A yes/no symptom input described as ``"<criterion>: <DSM-5 wording>"``."""
    return Field(description=f"{criterion}: {SYMPTOMS[name]}")


def criterion_a(inputs: Any) -> tuple[int, bool]:
    """How many of the nine symptoms are present, and whether a core one is among them.

    Args:
        inputs: Inputs with one bool field per symptom, named as in :data:`SYMPTOMS`.

    Returns:
        The count (of 9) and whether depressed mood or loss of interest is present.
    """
    count = sum(bool(getattr(inputs, name)) for name in SYMPTOMS)
    return count, bool(inputs.depressed_mood or inputs.anhedonia)
