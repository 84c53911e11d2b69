"""Server settings: the engine's limits plus audit log, identity and datasets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from m3agent.tools.sql.engine import EngineSettings


@dataclass
class ServerSettings:
    """What ``build_server`` needs.

    Attributes:
        engine: SQL engine limits and database paths.
        audit_path: The audit log file (None: the default path).
        identity: Who is calling, for audit records under stdio (default: the OS user).
        name: The server's name as clients see it.
    """

    engine: EngineSettings = field(default_factory=EngineSettings)
    audit_path: Path | None = None
    identity: str | None = None
    name: str = "m3-agent"


def settings_from_env() -> ServerSettings:
    """Server settings from the ``M3AGENT_*`` environment (see :mod:`m3agent.server.config`)."""
    from m3agent.audit import default_audit_path
    from m3agent.server.config import engine_settings_from_env

    return ServerSettings(engine=engine_settings_from_env(), audit_path=default_audit_path())
