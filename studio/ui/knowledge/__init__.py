"""The knowledge editor (docs/studio.md): tree model, undo commands, property form, panel, brand rename."""
