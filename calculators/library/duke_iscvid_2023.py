"""2023 Duke-ISCVID criteria for infective endocarditis."""

from __future__ import annotations

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step

META = CalculatorMeta(
    id="duke_iscvid_2023",
    name="2023 Duke-International Society for Cardiovascular Infectious Diseases (ISCVID) Criteria",
    synonyms=(
        "2023 Duke-ISCVID criteria",
        "Duke-ISCVID criteria",
        "2023 Duke criteria for infective endocarditis",
    ),
    category="infectious disease",
    source=(
        "Fowler VG Jr, Durack DT, Selton-Suty C, et al. The 2023 Duke-International Society for "
        "Cardiovascular Infectious Diseases Criteria for Infective Endocarditis: Updating the "
        "Modified Duke Criteria. Clin Infect Dis. 2023;77(4):518-26."
    ),
    doi="10.1093/cid/ciad271",
    pmid="37138445",
    output_type="text",
    description="Definite, possible or rejected infective endocarditis from pathological "
    "criteria and counts of major and minor clinical criteria.",
)

MAJOR = ("major_microbiologic", "major_imaging", "major_surgical")
MINOR = (
    "minor_predisposition",
    "minor_fever",
    "minor_vascular",
    "minor_immunologic",
    "minor_microbiologic",
    "minor_imaging",
    "minor_physical_exam",
)


class Inputs(CalcInputs):
    """Inputs of the 2023 Duke-ISCVID criteria."""

    pathologic: bool = Field(
        description="Pathological criteria: microorganisms or active "
        "endocarditis in vegetation, cardiac tissue, explant or embolus"
    )
    major_microbiologic: bool = Field(
        description="Major: typical organism in ≥2 blood "
        "cultures / persistent bacteraemia / positive serology"
    )
    major_imaging: bool = Field(
        description="Major: echocardiography or cardiac CT/PET-CT "
        "showing vegetation, abscess, new dehiscence..."
    )
    major_surgical: bool = Field(
        description="Major: evidence of IE on direct inspection at surgery"
    )
    minor_predisposition: bool = Field(
        description="Minor: predisposing heart condition or injection drug use"
    )
    minor_fever: bool = Field(description="Minor: fever >38.0 °C")
    minor_vascular: bool = Field(
        description="Minor: vascular phenomena (emboli, mycotic aneurysm, ICH, Janeway lesions...)"
    )
    minor_immunologic: bool = Field(
        description="Minor: immunological phenomena "
        "(glomerulonephritis, Osler nodes, Roth spots, RF)"
    )
    minor_microbiologic: bool = Field(
        description="Minor: positive culture or test not meeting the major criterion"
    )
    minor_imaging: bool = Field(
        description="Minor: abnormal PET-CT activity within 3 months "
        "of prosthetic valve/graft implantation"
    )
    minor_physical_exam: bool = Field(
        description="Minor: new valvular regurgitation on "
        "auscultation when echocardiography is unavailable"
    )
    rejection_criteria: bool = Field(
        default=False,
        description="Firm alternate diagnosis, or resolution with ≤4 days of "
        "antibiotics, or no pathological evidence at surgery/autopsy after ≤4 days",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Classify by the 2023 Duke-ISCVID rules.

    Definite: pathologic, 2 major, 1 major + 3 minor, or 5 minor; possible: 1 major + 1 minor
    or 3 minor; otherwise rejected.
    """
    i = inputs
    n_major = sum(getattr(i, f) for f in MAJOR)
    n_minor = sum(getattr(i, f) for f in MINOR)
    steps = [
        Step(label="Pathological criteria", value=i.pathologic),
        Step(label="Major criteria", value=n_major),
        Step(label="Minor criteria", value=n_minor),
    ]
    if i.rejection_criteria:
        value = "Rejected IE"
    elif i.pathologic or n_major >= 2 or (n_major == 1 and n_minor >= 3) or n_minor >= 5:
        value = "Definite IE"
    elif (n_major == 1 and n_minor >= 1) or n_minor >= 3:
        value = "Possible IE"
    else:
        value = "Rejected IE"
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"{value} ({n_major} major, {n_minor} minor criteria)",
        steps=steps,
    )
