"""The workflows: draft, refine, report back, typed edits, salvage, message assembly, streaming events."""
