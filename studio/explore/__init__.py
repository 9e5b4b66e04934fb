"""Exploring the conversations a project's assistant can have (no Qt): which rules and stages a
customer can reach, with a shortest conversation for each, and tests written from them."""
