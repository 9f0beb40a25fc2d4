"""The model layer: settings, backend, chat client, retry, budget, embedded model, prompts, parsing, guard."""
