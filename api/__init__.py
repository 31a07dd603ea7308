"""The research API's cross-cutting pieces: errors, query parameters, time format.

The resources themselves still live in the domain apps' ``views`` and
``serializers`` modules; this package holds what every resource shares."""
