"""The portal's search: Finnish words reduced to their dictionary forms (Voikko)."""
