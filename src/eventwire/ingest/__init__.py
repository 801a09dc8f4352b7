"""Readers: turn paths and streams into `RawDocument`s (text, HTML, JSONL, WARC, RSS/Atom)."""
