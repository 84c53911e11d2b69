"""Ask a first question through the MCP server over stdio, as any MCP client would.

Spawns ``m3-agent serve``, calls ``patient_overview`` and ``run_sql``, and prints the results.
Run after ``m3-agent init`` (``make demo`` does both).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import anyio
from mcp import Client, StdioServerParameters


def server_command() -> StdioServerParameters:
    exe = shutil.which("m3-agent") or str(Path(sys.executable).with_name("m3-agent"))
    return StdioServerParameters(command=exe, args=["serve"], env=dict(os.environ))


async def main() -> None:
    async with Client(server_command()) as client:
        tools = await client.list_tools()
        print(f"Connected: {len(tools.tools)} tools ({', '.join(t.name for t in tools.tools)})")

        overview = await client.call_tool("patient_overview", {"subject_id": 10000032})
        if overview.is_error:
            raise SystemExit(overview.content[0].text)
        o = overview.structured_content
        d = o["demographics"]
        print(f"\nPatient {o['subject_id']}: {d['gender']}, {d['anchor_age']} years in "
              f"{d['anchor_year']}, {len(o['admissions']['rows'])} admissions, "
              f"{len(o['icu_stays']['rows'])} ICU stays")
        for row in o["latest_labs"]["rows"][:6]:
            print(f"  latest {row[1]}: {row[3]} {row[4] or ''} ({row[2]})")

        question = "How many ICU stays are there per first care unit?"
        sql = ("SELECT first_careunit, count(*) AS stays, round(avg(los), 2) AS mean_los_days "
               "FROM mimiciv_icu.icustays GROUP BY 1 ORDER BY stays DESC")
        result = await client.call_tool("run_sql", {"sql": sql})
        if result.is_error:
            raise SystemExit(result.content[0].text)
        r = result.structured_content
        print(f"\n{question}\n{' | '.join(r['columns'])}")
        for row in r["rows"]:
            print(" | ".join(str(v) for v in row))


if __name__ == "__main__":
    anyio.run(main)
