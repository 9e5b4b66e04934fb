"""Real traffic: replay customer chat logs through the offline engine, count what the rules did,
group what they missed, and report it (docs/traffic.md). No Qt here."""
