"""Language data the rules read: one module per language (``kg.lang.en``)."""
