"""Modified Duke criteria for infective endocarditis (Li 2000)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="duke_modified_ie",
    name="Duke Criteria for Infective Endocarditis",
    synonyms=(
        "Modified Duke criteria",
        "Modified Duke criteria for infective endocarditis",
        "Duke criteria",
        "Duke criteria (Li 2000)",
    ),
    category="infectious disease",
    source=(
        "Li JS, Sexton DJ, Mick N, et al. Proposed modifications to the Duke criteria for the "
        "diagnosis of infective endocarditis. Clin Infect Dis. 2000;30(4):633-638 (criteria as "
        "on MDCalc's 'Duke Criteria for Infective Endocarditis': 2 pathological, 2 major and 5 "
        "minor criteria)."
    ),
    doi="10.1086/313753",
    pmid="10770721",
    output_type="text",
    description="Definite, possible or rejected infective endocarditis from the pathological "
    "criteria and the counts of major (blood cultures, endocardial involvement) and minor "
    "clinical criteria.",
)

# Li 2000, Table 1 / MDCalc: the two major and five minor clinical criteria (the Duke 1994
# echocardiographic minor criterion was removed by Li 2000).
MAJOR: tuple[tuple[str, str], ...] = (
    ("major_blood_culture", "Major: blood culture positive for IE"),
    ("major_endocardial_involvement", "Major: evidence of endocardial involvement"),
)
MINOR: tuple[tuple[str, str], ...] = (
    ("minor_predisposition", "Minor: predisposing heart condition or injection drug use"),
    ("minor_fever", "Minor: fever > 38 °C"),
    ("minor_vascular", "Minor: vascular phenomena"),
    ("minor_immunologic", "Minor: immunologic phenomena"),
    ("minor_microbiologic", "Minor: microbiological evidence not meeting a major criterion"),
)


class Inputs(CalcInputs):
    """Inputs of the modified Duke criteria (Li 2000)."""

    pathologic_microorganisms: bool = Field(
        description="Pathological: microorganisms shown by culture or histology in a "
        "vegetation, an embolised vegetation or an intracardiac abscess"
    )
    pathologic_lesions: bool = Field(
        description="Pathological: vegetation or intracardiac abscess confirmed by histology "
        "showing active endocarditis"
    )
    major_blood_culture: bool = Field(
        description="Major: typical organisms in 2 separate blood cultures, persistently "
        "positive cultures, or single positive culture for Coxiella burnetii / anti-phase I "
        "IgG titre > 1:800"
    )
    major_endocardial_involvement: bool = Field(
        description="Major: echocardiogram positive for IE (vegetation, abscess, new partial "
        "prosthetic dehiscence) or new valvular regurgitation"
    )
    minor_predisposition: bool = Field(
        description="Minor: predisposing heart condition or injection drug use"
    )
    minor_fever: bool = Field(description="Minor: fever, temperature > 38 °C")
    minor_vascular: bool = Field(
        description="Minor: major arterial emboli, septic pulmonary infarcts, mycotic "
        "aneurysm, intracranial or conjunctival haemorrhage, Janeway lesions"
    )
    minor_immunologic: bool = Field(
        description="Minor: glomerulonephritis, Osler nodes, Roth spots, rheumatoid factor"
    )
    minor_microbiologic: bool = Field(
        description="Minor: positive blood culture not meeting a major criterion, or "
        "serological evidence of active infection with an organism consistent with IE"
    )
    rejection_criteria: bool = Field(
        default=False,
        description="Firm alternate diagnosis, resolution with ≤ 4 days of antibiotics, or "
        "no pathological evidence at surgery/autopsy after ≤ 4 days of antibiotics",
    )


def classify(pathologic: bool, n_major: int, n_minor: int, rejected: bool) -> str:
    """Apply the Li 2000 rules to the criteria counts.

    Definite: pathological criteria, 2 major, 1 major + 3 minor, or 5 minor; possible: 1 major
    + 1 minor, or 3 minor; rejected: a rejection criterion or fewer criteria than possible IE.
    """
    if rejected:
        return "Rejected IE"
    if pathologic or n_major >= 2 or (n_major == 1 and n_minor >= 3) or n_minor >= 5:
        return "Definite IE"
    if (n_major == 1 and n_minor >= 1) or n_minor >= 3:
        return "Possible IE"
    return "Rejected IE"


def compute(inputs: Inputs) -> CalcResult:
    """Classify by the modified Duke criteria (Li 2000)."""
    i = inputs
    pathologic = i.pathologic_microorganisms or i.pathologic_lesions
    steps = [
        Step(label="Pathological: microorganisms", value=i.pathologic_microorganisms),
        Step(label="Pathological: active endocarditis on histology", value=i.pathologic_lesions),
    ]
    n_major = 0
    for key, label in MAJOR:
        present = bool(getattr(i, key))
        n_major += present
        steps.append(Step(label=label, value=present, points=int(present), total=n_major))
    n_minor = 0
    for key, label in MINOR:
        present = bool(getattr(i, key))
        n_minor += present
        steps.append(Step(label=label, value=present, points=int(present), total=n_minor))
    steps.append(Step(label="Rejection criterion", value=i.rejection_criteria))
    value = classify(pathologic, n_major, n_minor, i.rejection_criteria)
    basis = "pathological criteria" if pathologic else f"{n_major} major, {n_minor} minor"
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"{value} ({basis} criteria)",
        steps=steps,
        extra={"major": n_major, "minor": n_minor, "pathologic": pathologic},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (one yes/no per criterion, MDCalc wording) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "pathologic_microorganisms": f.yes(
            "microorganisms demonstrated", "pathologic microorganism", "pathological criteria 1"
        ),
        "pathologic_lesions": f.yes(
            "pathologic lesions", "active endocarditis", "pathological criteria 2"
        ),
        "major_blood_culture": f.yes("blood culture", exclude=("not meet", "minor")),
        "major_endocardial_involvement": f.yes(
            "endocardial", "echocardiogra", "new valvular regurgitation"
        ),
        "minor_predisposition": f.yes("predispos"),
        "minor_fever": f.yes("fever", "temperature"),
        "minor_vascular": f.yes("vascular"),
        "minor_immunologic": f.yes("immunologic"),
        "minor_microbiologic": f.yes("microbiolog", "serolog"),
    }
    if f.has("reject", "alternate diagnosis", "alternative diagnosis"):
        out["rejection_criteria"] = f.yes("reject", "alternate diagnosis", "alternative diagnosis")
    return out
