"""m3agent.agents."""
