"""The research API's resources of ``actors``."""
