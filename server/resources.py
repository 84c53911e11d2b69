"""MCP resources (table descriptions) and prompts (a cohort question, a patient summary)."""

from __future__ import annotations

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError

from m3agent.tools.errors import M3AgentError


def register(mcp: MCPServer) -> None:
    """Add the schema resources and the prompts to ``mcp``."""

    @mcp.resource("mimic://schema/{table}", name="table-schema", title="Table description",
                  mime_type="application/json")
    def table_schema(table: str, ctx: Context) -> str:
        """The description of one MIMIC-IV table (columns, meanings, join keys, samples)."""
        state = ctx.request_context.lifespan_context
        try:
            desc = state.catalog.describe(table, state.settings.engine.default_dataset)
        except M3AgentError as e:
            raise ResourceNotFoundError(str(e)) from None
        return desc.model_dump_json(indent=2)

    @mcp.prompt(title="Cohort question")
    def cohort_question(condition: str, outcome: str = "in-hospital mortality") -> str:
        """Answer a cohort question: patients with a condition and an outcome."""
        return (
            f"Using the MIMIC-IV tools, build the cohort of patients with {condition} and "
            f"report {outcome}.\n"
            "1. Call search_concepts with kind='diagnosis' to find the ICD-9 and ICD-10 codes "
            f"for {condition}; list the codes you will use.\n"
            "2. Write one run_sql query joining mimiciv_hosp.diagnoses_icd to "
            "mimiciv_hosp.admissions (and patients for age and sex); count patients and "
            "admissions.\n"
            f"3. Report {outcome} with numerator, denominator and percentage, and show the SQL.\n"
            "Say so if counts are small (under 11 patients) and cannot be shared.")

    @mcp.prompt(title="Patient summary")
    def patient_summary(subject_id: int) -> str:
        """Summarise one patient's record for a clinician."""
        return (
            f"Summarise patient {subject_id} for a clinician. Call patient_overview first, "
            "then get_lab_results and get_vitals for abnormal or trending values and "
            "get_medications for the current admission. Give: demographics; admissions with "
            "dates and outcome; main diagnoses; key labs with units, flags and trends; "
            "medications. Cite the tool results you used; do not invent values.")
