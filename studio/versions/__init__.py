"""Versions of a project and what a change between two of them does to its conversations."""
