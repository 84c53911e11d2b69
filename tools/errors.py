"""One error hierarchy for m3-agent.

Every error carries a message that says what was expected and what was found, and where one
exists a hint. Tools turn these into MCP tool errors; the CLI prints them and exits non-zero.
"""

from __future__ import annotations


class M3AgentError(Exception):
    """Base of every error m3-agent raises on purpose.

    Args:
        message: What went wrong: what was expected and what was found.
        hint: A suggestion the user or model can act on, if any.
    """

    code: str = "error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} Hint: {self.hint}" if self.hint else self.message

    def to_dict(self) -> dict[str, str | None]:
        """Return a JSON-safe description of the error."""
        return {"error": type(self).__name__, "code": self.code, "message": self.message,
                "hint": self.hint}


class ConfigError(M3AgentError):
    """A setting, flag or environment variable has a value that cannot be used."""

    code = "config"


class DatasetError(M3AgentError):
    """An unknown dataset, or a dataset whose database is missing or damaged."""

    code = "dataset"


class DataLoadError(M3AgentError):
    """Loading source files into the database failed."""

    code = "load"


class SQLError(M3AgentError):
    """Base of every SQL problem: parsing, validation, translation, execution."""

    code = "sql"


class SQLParseError(SQLError):
    """The SQL text could not be parsed in the declared dialect."""

    code = "sql_parse"


class SQLValidationError(SQLError):
    """A validation rule refused the statement.

    Args:
        message: What was refused.
        rule: The name of the rule that refused it.
        snippet: The part of the SQL that triggered the rule.
        hint: What to do instead.
    """

    code = "sql_refused"

    def __init__(self, message: str, *, rule: str, snippet: str | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.rule = rule
        self.snippet = snippet

    def __str__(self) -> str:
        text = f"Refused by rule '{self.rule}': {self.message}"
        if self.snippet:
            text += f" (at: {self.snippet})"
        if self.hint:
            text += f" Hint: {self.hint}"
        return text

    def to_dict(self) -> dict[str, str | None]:
        """Return a JSON-safe description of the error, with the rule and snippet."""
        d = super().to_dict()
        d.update(rule=self.rule, snippet=self.snippet)
        return d


class SQLTranslationError(SQLError):
    """The statement could not be translated faithfully to the execution dialect."""

    code = "sql_translation"


class SQLExecutionError(SQLError):
    """The database raised an error while running a validated statement."""

    code = "sql_execution"


class QueryTimeoutError(SQLExecutionError):
    """The query ran longer than the configured timeout and was interrupted."""

    code = "sql_timeout"


class NotFoundError(M3AgentError):
    """A table, patient, concept or other named thing does not exist."""

    code = "not_found"
