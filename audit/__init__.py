"""m3agent.audit: the tamper-evident audit log of tool and model calls.

Every MCP tool call (and every model call of the agent runtime) appends one hash-chained record
to an append-only JSONL file shared by all server processes::

    from m3agent.audit import AuditLog, default_audit_path, hash_result

    with AuditLog(default_audit_path()) as log:
        log.append(kind="tool", request_id="r1", session_id="s1", identity="alice",
                   tool="execute_sql", arguments={"sql": sql}, outcome="ok", rows=12,
                   truncated=False, duration_ms=3.2, result_hash=hash_result(result))

``verify(path)`` checks the chain; ``m3-agent audit verify|show`` (:mod:`m3agent.audit.cli`)
does the same from the shell. The record format is described in :mod:`m3agent.audit.records`.
"""

from m3agent.audit.log import (
    AUDIT_LOG_ENV,
    AuditLog,
    AuditWriteError,
    default_audit_path,
    os_identity,
)
from m3agent.audit.records import (
    GENESIS_HASH,
    AuditAnchor,
    AuditFields,
    AuditRecord,
    canonical_json,
    chain_hash,
    hash_result,
)
from m3agent.audit.verify import VerifyReport, read_records, verify

__all__ = [
    "AUDIT_LOG_ENV",
    "GENESIS_HASH",
    "AuditAnchor",
    "AuditFields",
    "AuditLog",
    "AuditRecord",
    "AuditWriteError",
    "VerifyReport",
    "canonical_json",
    "chain_hash",
    "default_audit_path",
    "hash_result",
    "os_identity",
    "read_records",
    "verify",
]
