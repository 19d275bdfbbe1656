"""The versioned JSON API (django-ninja). Each app adds its router here."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Sakoo API",
    version="1",
    description="Sakoo (سکو): jobs, unemployment atlas and employment facilities for the province.",
    urls_namespace="api-v1",
    docs_url="/docs",
)

from sakoo.geo.api import router as geo_router  # noqa: E402

api.add_router("/geo/", geo_router)
