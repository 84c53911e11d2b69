"""m3agent.tools."""
