"""m3agent.retrieval."""
