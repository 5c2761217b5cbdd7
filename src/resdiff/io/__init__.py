"""Readers and writers at the edge: text files (encodings), Word files, safe output."""
