"""m3agent.tools.catalog."""
