"""m3agent.tools.sql."""
