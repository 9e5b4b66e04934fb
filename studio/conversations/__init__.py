"""Conversation tests: load `conversations/*.yaml`, replay them, measure rule coverage."""
