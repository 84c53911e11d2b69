"""m3agent.tools.loaders."""
