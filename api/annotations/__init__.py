"""The research API's resources of ``annotations``."""
