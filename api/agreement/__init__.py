"""The research API's resources of ``agreement``."""
