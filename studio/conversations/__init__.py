"""Conversation tests (SPEC §6): load `conversations/*.yaml`, replay them, measure rule coverage."""
