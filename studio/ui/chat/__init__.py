"""The chat tester: talk to the assistant built from the editors' current text (docs/studio.md)."""
