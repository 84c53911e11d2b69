"""Montreal classification of inflammatory bowel disease (Crohn's disease and UC)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="montreal_ibd",
    name="Montreal Classification for Inflammatory Bowel Disease (IBD)",
    synonyms=("Montreal classification", "Montreal classification of IBD"),
    category="gastroenterology",
    source=(
        "Satsangi J, Silverberg MS, Vermeire S, Colombel JF. The Montreal classification of "
        "inflammatory bowel disease: controversies, consensus, and implications. Gut. "
        "2006;55(6):749-753; Silverberg MS, Satsangi J, Ahmad T, et al. Toward an integrated "
        "clinical, molecular and serological classification of inflammatory bowel disease: "
        "report of a Working Party of the 2005 Montreal World Congress of Gastroenterology. "
        "Can J Gastroenterol. 2005;19 Suppl A:5A-36A."
    ),
    doi="10.1136/gut.2005.082909",
    pmid="16698746",
    output_type="text",
    description="Phenotype code of Crohn's disease (age A1-A3, location L1-L4, behaviour B1-B3, "
    "perianal p) or ulcerative colitis (extent E1-E3, severity S0-S3).",
)

Disease = Literal["crohns", "ulcerative_colitis"]
Location = Literal["ileal", "colonic", "ileocolonic", "isolated_upper"]
Behavior = Literal["non_stricturing_non_penetrating", "stricturing", "penetrating"]
Extent = Literal["proctitis", "left_sided", "extensive"]
Severity = Literal["remission", "mild", "moderate", "severe"]

# Montreal codes (Satsangi 2006, Table 1 and the UC extent/severity table).
_LOCATION = {"ileal": "L1", "colonic": "L2", "ileocolonic": "L3", "isolated_upper": "L4"}
_BEHAVIOR = {"non_stricturing_non_penetrating": "B1", "stricturing": "B2", "penetrating": "B3"}
_EXTENT = {"proctitis": "E1", "left_sided": "E2", "extensive": "E3"}
_SEVERITY = {"remission": "S0", "mild": "S1", "moderate": "S2", "severe": "S3"}
_MEANING = {
    "A1": "diagnosed at 16 years or younger",
    "A2": "diagnosed at 17-40 years",
    "A3": "diagnosed after 40 years",
    "L1": "ileal",
    "L2": "colonic",
    "L3": "ileocolonic",
    "L4": "isolated upper GI disease",
    "B1": "non-stricturing, non-penetrating",
    "B2": "stricturing",
    "B3": "penetrating",
    "E1": "ulcerative proctitis",
    "E2": "left-sided UC (distal to the splenic flexure)",
    "E3": "extensive UC (proximal to the splenic flexure)",
    "S0": "clinical remission",
    "S1": "mild UC",
    "S2": "moderate UC",
    "S3": "severe UC",
}


class Inputs(QuantityInputs):
    """Inputs of the Montreal classification (Crohn's fields or UC fields, by disease)."""

    disease: Disease = Field(description="Crohn's disease or ulcerative colitis")
    age_at_diagnosis: float | None = quantity(
        "age",
        "years",
        ge=0,
        le=120,
        default=None,
        description="Crohn's: age at diagnosis (A1 ≤ 16, A2 17-40, A3 > 40)",
    )
    location: Location | None = Field(
        None,
        description="Crohn's: ileal (L1), colonic (L2), ileocolonic (L3) or isolated upper "
        "GI disease (L4)",
    )
    upper_gi_involvement: bool = Field(
        False,
        description="Crohn's: concomitant upper GI disease (L4 modifier added to L1-L3)",
    )
    behavior: Behavior | None = Field(
        None,
        description="Crohn's: non-stricturing non-penetrating (B1), stricturing (B2) or "
        "penetrating (B3)",
    )
    perianal: bool = Field(False, description="Crohn's: perianal disease (p modifier)")
    extent: Extent | None = Field(
        None,
        description="UC: proctitis (E1), left-sided (E2) or extensive/pancolitis (E3)",
    )
    severity: Severity | None = Field(
        None,
        description="UC: clinical remission (S0), mild (S1: ≤ 4 stools/day, no systemic "
        "illness, normal ESR), moderate (S2: > 4 stools/day, minimal toxicity) or severe (S3: "
        "≥ 6 bloody stools/day, pulse ≥ 90, T ≥ 37.5 °C, Hb < 10.5 g/dL, ESR ≥ 30)",
    )

    @model_validator(mode="after")
    def _fields_for_disease(self) -> Inputs:
        if self.disease == "crohns":
            missing = [
                n for n in ("age_at_diagnosis", "location", "behavior") if getattr(self, n) is None
            ]
            if missing:
                raise ValueError(
                    f"Crohn's disease needs {', '.join(missing)} (age at diagnosis, location "
                    "L1-L4 and behaviour B1-B3)"
                )
        elif self.extent is None:
            raise ValueError("ulcerative colitis needs extent (proctitis, left_sided, extensive)")
        return self


def _age_class(age: float) -> str:
    # Montreal: A1 "below 16 y" (≤ 16), A2 17-40 y, A3 above 40 y (Satsangi 2006, Table 1;
    # the Paris comparison writes A1 as < 17 y, which is how a fractional age is read here).
    if age < 17:
        return "A1"
    return "A2" if age <= 40 else "A3"


def compute(inputs: Inputs) -> CalcResult:
    """Build the Montreal phenotype code."""
    steps: list[Step] = []
    if inputs.disease == "crohns":
        assert inputs.age_at_diagnosis is not None and inputs.location and inputs.behavior
        a = _age_class(inputs.age_at_diagnosis)
        loc = _LOCATION[inputs.location]
        # L4 is also a modifier added to L1-L3 when upper GI disease coexists.
        if inputs.upper_gi_involvement and loc != "L4":
            loc_code = f"{loc}+L4"
        else:
            loc_code = loc
        b = _BEHAVIOR[inputs.behavior]
        b_code = b + ("p" if inputs.perianal else "")
        steps = [
            Step(label="Age at diagnosis", value=inputs.age_at_diagnosis, detail=a),
            Step(label="Location", value=inputs.location, detail=loc_code),
            Step(label="Behaviour", value=inputs.behavior, detail=b),
            Step(label="Perianal disease modifier", value=inputs.perianal, detail=b_code),
        ]
        code = f"{a} {loc_code} {b_code}"
        parts = [_MEANING[a], _MEANING[loc]]
        if loc_code != loc:
            parts.append("with upper GI involvement")
        parts.append(_MEANING[b] + (" with perianal disease" if inputs.perianal else ""))
        text = f"Crohn's disease {code}: " + "; ".join(parts) + "."
    else:
        assert inputs.extent is not None
        e = _EXTENT[inputs.extent]
        steps = [Step(label="Extent", value=inputs.extent, detail=e)]
        code = e
        parts = [_MEANING[e]]
        if inputs.severity is not None:
            s = _SEVERITY[inputs.severity]
            steps.append(Step(label="Severity", value=inputs.severity, detail=s))
            code = f"{e} {s}"
            parts.append(_MEANING[s])
        text = f"Ulcerative colitis {code}: " + "; ".join(parts) + "."
    return CalcResult(calculator=META.id, value=code, interpretation=text, steps=steps)


_DISEASE_OPTIONS = {
    "crohns": ("crohn", "crohn s disease", "cd"),
    "ulcerative_colitis": ("ulcerative colitis", "uc", "colitis"),
}
_LOCATION_OPTIONS = {
    "ileal": ("ileal", "l1", "terminal ileum", "ileum"),
    "colonic": ("colonic", "l2", "colon"),
    "ileocolonic": ("ileocolonic", "l3", "ileocolon"),
    "isolated_upper": ("isolated upper", "l4", "upper gi", "upper"),
}
_BEHAVIOR_OPTIONS = {
    "non_stricturing_non_penetrating": (
        "non stricturing non penetrating",
        "b1",
        "inflammatory",
        "nonstricturing nonpenetrating",
    ),
    "stricturing": ("stricturing", "b2", "stenosing"),
    "penetrating": ("penetrating", "b3", "fistulizing", "fistulising"),
}
_EXTENT_OPTIONS = {
    "proctitis": ("proctitis", "e1", "ulcerative proctitis", "rectum"),
    "left_sided": ("left sided", "e2", "distal", "left sided uc"),
    "extensive": ("extensive", "e3", "pancolitis"),
}
_SEVERITY_OPTIONS = {
    "remission": ("remission", "s0", "clinical remission"),
    "mild": ("mild", "s1"),
    "moderate": ("moderate", "s2"),
    "severe": ("severe", "s3"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (option texts such as 'Ileocolonic (L3)')."""
    f = Fields(inputs, META.id)
    if f.has("disease", "diagnosis", "type"):
        disease = f.option("disease", "diagnosis", "type", options=_DISEASE_OPTIONS)
    else:
        disease = "crohns" if f.has("behavior", "behaviour", "location") else "ulcerative_colitis"
    if disease == "ulcerative_colitis":
        out: dict[str, Any] = {
            "disease": disease,
            "extent": f.option("extent", options=_EXTENT_OPTIONS),
        }
        if f.has("severity"):
            out["severity"] = f.option("severity", options=_SEVERITY_OPTIONS)
        return out
    out = {
        "disease": disease,
        "age_at_diagnosis": f.quantity("age", default_unit="years"),
        "location": f.option("location", options=_LOCATION_OPTIONS, exclude=("upper gi",)),
        "behavior": f.option("behavior", "behaviour", options=_BEHAVIOR_OPTIONS),
    }
    if f.has("upper gi", "upper"):
        out["upper_gi_involvement"] = f.yes("upper gi", "upper")
    if f.has("perianal"):
        out["perianal"] = f.yes("perianal")
    return out
