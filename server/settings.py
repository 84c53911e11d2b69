"""Server settings: the engine's limits plus audit log, identity, access control and limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from m3agent.server.limits import LimitSettings
from m3agent.tools.sql.engine import EngineSettings

if TYPE_CHECKING:
    from m3agent.server.auth import AuthConfig


@dataclass
class ServerSettings:
    """What ``build_server`` needs.

    Attributes:
        engine: SQL engine limits and database paths.
        audit_path: The audit log file (None: the default path).
        identity: Who is calling, for audit records under stdio (default: the OS user).
        name: The server's name as clients see it.
        auth: Token checking for the HTTP transport (None: no authentication; stdio never
            authenticates, the OS user is the identity).
        policy_file: The access policy (scopes per tool) applied to authenticated callers
            (None: the shipped ``policy_default.json``).
        limits: Per-subject rate limit, concurrency and daily budgets (all off by default).
    """

    engine: EngineSettings = field(default_factory=EngineSettings)
    audit_path: Path | None = None
    identity: str | None = None
    name: str = "m3-agent"
    auth: AuthConfig | None = None
    policy_file: Path | None = None
    limits: LimitSettings = field(default_factory=LimitSettings)


def settings_from_env() -> ServerSettings:
    """Server settings from the ``M3AGENT_*`` environment (see :mod:`m3agent.server.config`).

    Authentication is not read here: it belongs to the HTTP transport
    (:func:`m3agent.server.config.auth_config_from_env`).
    """
    from m3agent.audit import default_audit_path
    from m3agent.server.config import (
        engine_settings_from_env,
        limit_settings_from_env,
        policy_file_from_env,
    )

    return ServerSettings(
        engine=engine_settings_from_env(),
        audit_path=default_audit_path(),
        policy_file=policy_file_from_env(),
        limits=limit_settings_from_env(),
    )
