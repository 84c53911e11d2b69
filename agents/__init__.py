"""m3agent.agents: the agent runtime, an MCP client of the m3-agent server.

Modules (import what you need; nothing heavy is imported here):

* :mod:`~m3agent.agents.model` - ``Model.generate(messages, tools) -> ChatMessage``,
  ``ModelError``, ``make_model``; :mod:`~m3agent.agents.litellm_model` (``LiteLLMModel``) and
  :mod:`~m3agent.agents.scripted` (``ScriptedModel``, ``call``, ``final``).
* :mod:`~m3agent.agents.mcp_tools` - ``connect`` (in-process, stdio, streamable HTTP + bearer).
* :mod:`~m3agent.agents.loop` - ``run_agent`` (yields step records), ``AgentConfig``;
  :mod:`~m3agent.agents.strategies` - react, rar, ask; :mod:`~m3agent.agents.runtime` -
  ``run_question`` / ``run_question_sync``.
* :mod:`~m3agent.agents.steps`, :mod:`~m3agent.agents.answer` - step records, ``FinalAnswer``.
* :mod:`~m3agent.agents.trace` - model calls in the audit log, ``replay(audit_path, run_id)``.
* :mod:`~m3agent.agents.clarify` - where a clarifying question goes (elicitation, terminal,
  batch); :mod:`~m3agent.agents.cli` - ``m3-agent ask``.
"""
