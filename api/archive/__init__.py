"""The research API's resources of ``archive``."""
