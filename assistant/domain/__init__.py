"""The domain: types, shared lists and pure text functions. No model library is imported here."""
