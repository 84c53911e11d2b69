"""The contract every calculator follows.

A calculator is one module in ``m3agent.calculators.library`` that defines:

- ``META``: a :class:`CalculatorMeta` (id, name, synonyms, category, source citation, ...);
- ``Inputs``: a subclass of :class:`CalcInputs`, one field per input, each declared with
  :func:`quantity` (a number with a canonical unit, a range and accepted alternative units),
  or as a plain pydantic field (bool, enum/Literal, int count) with a description;
- ``compute(inputs: Inputs) -> CalcResult``: a pure function, no I/O;
- optionally ``from_medcalc(entities: dict) -> dict`` and ``from_medmcp(inputs: list[dict]) ->
  dict``: adapters from a benchmark row to keyword arguments for ``Inputs``.

Quantities accept a bare number (in the canonical unit), ``[value, "unit"]``, ``(value, "unit")``
or ``{"value": v, "unit": "u"}``; :mod:`m3agent.calculators.units` converts in one place.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from m3agent.calculators import units

OutputType = Literal["integer", "decimal", "date", "text", "tuple"]


class CalculatorMeta(BaseModel):
    """What a calculator is and where its formula comes from.

    Attributes:
        id: Stable snake_case id (``cockcroft_gault``), unique in the registry.
        name: The name clinicians know it by.
        synonyms: Other names, abbreviations and benchmark names (MedCalc-Bench, MedMCP-Calc).
        category: A coarse group (``renal``, ``cardiology``, ``critical care`` ...).
        source: The citation of the formula (authors, journal, year).
        doi: The DOI of the source, when it has one.
        pmid: The PubMed id of the source, when it has one.
        output_type: How the value is compared: integer scores exactly, decimals within tolerance.
        unit: The unit of the value (None for unitless scores).
        medcalc_id: The MedCalc-Bench calculator id, when the calculator is one of its 55.
        description: One or two sentences on what it estimates and when to use it.
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=2)
    synonyms: tuple[str, ...] = ()
    category: str = Field(min_length=2)
    source: str = Field(min_length=10)
    doi: str | None = None
    pmid: str | None = None
    output_type: OutputType = "decimal"
    unit: str | None = None
    medcalc_id: int | None = None
    description: str = Field(min_length=10)

    @model_validator(mode="after")
    def _has_reference(self) -> CalculatorMeta:
        if not (self.doi or self.pmid or "http" in self.source or len(self.source) >= 20):
            raise ValueError(f"calculator {self.id!r}: source needs a DOI, PMID or full citation")
        return self


class Step(BaseModel):
    """One criterion or term of a computation, as a clinician would check it.

    Attributes:
        label: The criterion or term (``Age ≥ 65``, ``Creatinine term``).
        value: The input value or intermediate result this step used.
        points: The points this criterion adds (scores), if any.
        total: The running total after this step, if the calculator is a sum.
        detail: Free text: the formula applied, the unit, why it did (not) count.
    """

    label: str
    value: float | int | str | bool | None = None
    points: float | None = None
    total: float | None = None
    detail: str | None = None


class CalcResult(BaseModel):
    """The outcome of one computation.

    Attributes:
        calculator: The calculator id.
        value: The result (a number, a date as ``YYYY-MM-DD``, or text for tuples like ``(4, 2)``).
        unit: The unit of ``value``.
        interpretation: Risk category, stage or plain-language meaning.
        steps: Every criterion or term with its contribution.
        warnings: Anything the user must know (an input clamped by the formula, a caveat).
        extra: Further named outputs (e.g. both IBW and ABW).
        source: The citation (copied from the metadata by the registry).
    """

    calculator: str
    value: float | int | str
    unit: str | None = None
    interpretation: str | None = None
    steps: list[Step] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    extra: dict[str, Any] = Field(default_factory=dict)
    source: str | None = None


class CalcInputs(BaseModel):
    """Base of every calculator's input model: strict about unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def quantity(
    kind: str,
    unit: str,
    *,
    ge: float | None = None,
    le: float | None = None,
    description: str,
    default: Any = ...,
) -> Any:
    """Declare a numeric input with a canonical unit and a physiological range.

    Args:
        kind: The quantity kind known to :mod:`units` (``creatinine``, ``weight``, ``temperature``).
        unit: The canonical unit the calculator works in (``mg/dL``).
        ge: The lowest plausible value, in the canonical unit.
        le: The highest plausible value, in the canonical unit.
        description: What the input is.
        default: A default value (omit for required inputs).

    Returns:
        A pydantic ``Field`` whose metadata the :func:`_convert_quantities` validator reads.
    """
    units.check_kind(kind, unit)
    return Field(
        default,
        ge=ge,
        le=le,
        description=f"{description} [{unit}]",
        json_schema_extra={
            "unit": unit,
            "kind": kind,
            "accepted_units": list(units.accepted_units(kind)),
        },
    )


def _quantity_fields(model: type[BaseModel]) -> dict[str, tuple[str, str]]:
    out = {}
    for name, f in model.model_fields.items():
        extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else None
        if extra and "kind" in extra:
            out[name] = (str(extra["kind"]), str(extra["unit"]))
    return out


class QuantityInputs(CalcInputs):
    """Input model base that converts ``[value, unit]`` pairs to the canonical unit first."""

    @model_validator(mode="before")
    @classmethod
    def _convert_quantities(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = _quantity_fields(cls)
        out = dict(data)
        for name, (kind, unit) in fields.items():
            if name in out and out[name] is not None:
                out[name] = units.to_canonical(out[name], kind=kind, unit=unit, field=name)
        return out
