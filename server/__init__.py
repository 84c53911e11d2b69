"""m3agent.server."""
