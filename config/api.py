"""The versioned JSON API (django-ninja) at /api/v1/. Each app owns its router in <app>/api.py."""

from ninja import NinjaAPI

from sakoo.atlas.api import router as atlas_router
from sakoo.cooperatives.api import router as cooperatives_router
from sakoo.facilities.api import router as facilities_router
from sakoo.geo.api import router as geo_router
from sakoo.monitoring.api import router as monitoring_router
from sakoo.partnerships.api import router as partnerships_router
from sakoo.search.api import router as search_router
from sakoo.squares.api import router as squares_router
from sakoo.workcal.api import router as calendar_router

api = NinjaAPI(
    title="Sakoo API",
    version="1",
    description="Sakoo (سکو): jobs, unemployment atlas and employment facilities for the province.",
    urls_namespace="api-v1",
    docs_url="/docs",
)
# the most requested router first (URL resolution walks the routers in order)
api.add_router("/vacancies", search_router)  # public list + detail (search app)
api.add_router("/geo/", geo_router)
api.add_router("/atlas/", atlas_router)
api.add_router("/calendar/", calendar_router)
api.add_router("/facilities/", facilities_router)
api.add_router("/stats/", monitoring_router)
api.add_router("/squares/", squares_router)
api.add_router("/partnerships/", partnerships_router)
api.add_router("/cooperatives/", cooperatives_router)
