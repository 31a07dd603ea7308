"""The research API, versioned from day one: mounted at /api/v1/."""

app_name = "api"
urlpatterns: list = []
