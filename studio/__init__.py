"""Rule Studio: rules DSL, product knowledge, conversation engine and the IDE on top."""

__version__ = "0.1.0"
