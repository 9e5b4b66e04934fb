"""The knowledge editor (SPEC §7): tree model, undo commands, property form, panel, brand rename."""
