"""The extractors: one module per stage, each a function or a class over the parsed article."""
