"""Output formats of a draft: Markdown (:mod:`assistant.output.markdown`) and iCalendar check-ins."""
