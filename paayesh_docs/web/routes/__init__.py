"""The application's routers: each module here has `router = APIRouter()`; `create_app`
includes those named in `ROUTERS`, in this order."""

ROUTERS: list[str] = [
    "health",
    "auth",
    "search",
    "records",
    "api_docs",
    "upload",
    "tracking",
    "reports",
    "compose",
    "corrections",
    "paper",
    "review",
    "admin",
]
