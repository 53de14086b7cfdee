"""Writes of finance: the posting service (``posting``) and the books (``books``)."""
