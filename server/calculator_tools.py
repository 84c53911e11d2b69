"""Calculator tools: a handful of generic tools over the calculator registry."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context, MCPServer
from pydantic import BaseModel, Field

from m3agent.calculators import from_record
from m3agent.calculators.base import CalcResult
from m3agent.calculators.ehr_sources import ehr_calculators
from m3agent.server.app import READ_ONLY, DatasetArg, ServerState, SubjectArg, _call, _dataset


class CalculatorSummary(BaseModel):
    """One calculator in a search result."""

    id: str
    name: str
    category: str
    synonyms: list[str]
    description: str
    score: float | None = None


class CalculatorList(BaseModel):
    """Calculators matching a search."""

    query: str
    calculators: list[CalculatorSummary]


class CalculatorInfo(BaseModel):
    """A calculator's inputs (with units and ranges) and its source."""

    id: str
    name: str
    category: str
    description: str
    source: str
    doi: str | None = None
    pmid: str | None = None
    unit: str | None = None
    output_type: str
    input_schema: dict[str, Any]


def _summary(calc: Any, score: float | None = None) -> CalculatorSummary:
    m = calc.meta
    return CalculatorSummary(
        id=m.id,
        name=m.name,
        category=m.category,
        synonyms=list(m.synonyms),
        description=m.description,
        score=score,
    )


def search(query: str, category: str | None = None, limit: int = 10) -> CalculatorList:
    """Fuzzy search over calculator names, synonyms and descriptions."""
    from rapidfuzz import fuzz, process, utils

    from m3agent.calculators.registry import all_calculators

    calcs = [
        c
        for c in all_calculators()
        if category is None or c.meta.category.lower() == category.lower()
    ]
    docs = [
        utils.default_process(
            " ".join([c.meta.id.replace("_", " "), c.meta.name, *c.meta.synonyms])
        )
        for c in calcs
    ]
    hits = process.extract(utils.default_process(query), docs, scorer=fuzz.WRatio, limit=limit)
    return CalculatorList(
        query=query, calculators=[_summary(calcs[i], round(s, 1)) for _, s, i in hits]
    )


def info(name: str) -> CalculatorInfo:
    """The input schema and source of one calculator."""
    from m3agent.calculators.registry import get_calculator

    c = get_calculator(name)
    m = c.meta
    return CalculatorInfo(
        id=m.id,
        name=m.name,
        category=m.category,
        description=m.description,
        source=m.source,
        doi=m.doi,
        pmid=m.pmid,
        unit=m.unit,
        output_type=m.output_type,
        input_schema=c.inputs.model_json_schema(),
    )


def calculate(name: str, inputs: dict[str, Any]) -> CalcResult:
    """Compute one calculator from explicit inputs."""
    from m3agent.calculators.registry import get_calculator

    return get_calculator(name).run(inputs)


def register(mcp: MCPServer) -> None:
    """Add the calculator tools to ``mcp``."""

    @mcp.tool(title="Search calculators", annotations=READ_ONLY)
    async def search_calculators(
        ctx: Context,
        query: Annotated[
            str,
            Field(
                description="Name, abbreviation or purpose, e.g. 'CHA2DS2-"
                "VASc', 'kidney function', 'sepsis score'"
            ),
        ],
        category: Annotated[str | None, Field(description="Only this category")] = None,
        limit: Annotated[int, Field(ge=1, le=50)] = 10,
    ) -> CalculatorList:
        """Find medical calculators by name, synonym or purpose."""
        return await _call(
            ctx,
            "search_calculators",
            {"query": query, "category": category, "limit": limit},
            lambda: search(query, category, limit),
        )

    @mcp.tool(title="Calculator inputs and source", annotations=READ_ONLY)
    async def calculator_info(
        ctx: Context, calculator: Annotated[str, Field(description="Calculator id or name")]
    ) -> CalculatorInfo:
        """A calculator's inputs (units, ranges, accepted alternative units) and its
        published source."""
        return await _call(
            ctx, "calculator_info", {"calculator": calculator}, lambda: info(calculator)
        )

    @mcp.tool(name="calculate", title="Calculate", annotations=READ_ONLY)
    async def calculate_tool(
        ctx: Context,
        calculator: Annotated[str, Field(description="Calculator id or name")],
        inputs: Annotated[
            dict[str, Any],
            Field(
                description="Input name → value; quantities as a number in the listed unit or "
                "[value, 'unit'], e.g. {'creatinine': [1.4, 'mg/dL']}"
            ),
        ],
    ) -> CalcResult:
        """Compute a calculator exactly: value, unit, interpretation, every step, and the
        source."""
        return await _call(
            ctx,
            "calculate",
            {"calculator": calculator, "inputs": inputs},
            lambda: calculate(calculator, inputs),
        )

    @mcp.tool(
        name="calculate_for_patient",
        title="Calculate from a patient's record",
        annotations=READ_ONLY,
    )
    async def calculate_for_patient_tool(
        ctx: Context,
        calculator: Annotated[
            str,
            Field(
                description=(
                    "Calculator id or name; the ones with MIMIC-IV sources: "
                    + ", ".join(ehr_calculators())
                )
            ),
        ],
        subject_id: SubjectArg,
        hadm_id: Annotated[
            int | None, Field(gt=0, description="Admission (default: the one in progress at 'at')")
        ] = None,
        stay_id: Annotated[
            int | None,
            Field(
                gt=0,
                description="ICU stay; SOFA and APACHE II use its first 24 h (default: the "
                "admission's first stay)",
            ),
        ] = None,
        at: Annotated[
            str | None,
            Field(
                description="ISO time the inputs are taken at or before (default: end of the "
                "stay or admission)"
            ),
        ] = None,
        overrides: Annotated[
            dict[str, Any] | None,
            Field(
                description="Input name → value, wins over the record; use it for inputs "
                "reported missing, e.g. {'ascites': 'moderate'} or "
                "{'creatinine': [1.4, 'mg/dL']}"
            ),
        ] = None,
        dataset: DatasetArg = None,
    ) -> from_record.PatientCalculation:
        """Compute a calculator for a patient straight from MIMIC-IV: the result with each
        input's provenance (table, itemid or ICD code, time, raw and converted value, rule).
        When inputs are missing no number is returned: the missing inputs are listed with
        their units, to ask for or pass as overrides."""
        state: ServerState = ctx.request_context.lifespan_context
        args = {
            "calculator": calculator,
            "subject_id": subject_id,
            "hadm_id": hadm_id,
            "stay_id": stay_id,
            "at": at,
            "overrides": overrides,
            "dataset": dataset,
        }
        return await _call(
            ctx,
            "calculate_for_patient",
            args,
            lambda: from_record.calculate_for_patient(
                calculator,
                subject_id,
                hadm_id=hadm_id,
                stay_id=stay_id,
                at=at,
                overrides=overrides,
                dataset=_dataset(state, dataset),
                engine=state.engine,
            ),
        )
