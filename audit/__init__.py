"""m3agent.audit."""
