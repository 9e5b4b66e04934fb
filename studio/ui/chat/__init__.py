"""The chat tester: talk to the assistant built from the editors' current text (SPEC §7)."""
