"""The API's documentation at /schema: Swagger UI served from Haki itself, pinned, under a CSP.

Litestar's own render plugins load their scripts from a CDN (Scalar's at `@latest`): a script
from elsewhere runs with Haki's origin, where an administrator's browser may be signed in.
Swagger UI's files come from a pinned package (swagger-ui-bundle-v2, Apache-2.0, in
pyproject.toml), are served from here with the version in their address, and the page runs no
inline script, so its Content-Security-Policy (service/headers.py) allows scripts from Haki
only.
"""

from html import escape
from typing import Any

from litestar import Request, Response, Router, get
from litestar.exceptions import NotFoundException
from litestar.openapi.plugins import OpenAPIRenderPlugin
from litestar.params import FromPath
from swagger_ui_bundle import swagger_ui_path

RELEASE = swagger_ui_path.name
"""`swagger-ui-5.31.0`: a new release is a new address, so the files may be cached for good"""
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
}
START = b"""\
const root = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({
  url: root.dataset.url,
  dom_id: "#swagger-ui",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
});
"""
"""what Litestar's plugin writes inline, as a file of Haki's, so the CSP needs no exception"""
FOREVER = {"Cache-Control": "public, max-age=31536000, immutable"}


@get(f"/{RELEASE}/{{name:str}}", include_in_schema=False, sync_to_thread=False)
def swagger_asset(name: FromPath[str]) -> Response[bytes]:
    if name not in ASSETS:
        raise NotFoundException()
    body = (swagger_ui_path / name).read_bytes()
    return Response(body, media_type=ASSETS[name], headers=FOREVER)


@get("/start-docs.js", include_in_schema=False, sync_to_thread=False)
def start_docs() -> Response[bytes]:
    return Response(START, media_type="text/javascript; charset=utf-8")


class SelfHostedSwagger(OpenAPIRenderPlugin):
    """Swagger UI at /schema (and /schema/swagger, its address before), reading
    /schema/openapi.json."""

    def __init__(self) -> None:
        super().__init__(path=["/", "/swagger"], favicon="", style="")

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        base = request.app.openapi_config.path if request.app.openapi_config else "/schema"
        title = escape(str(openapi_schema["info"]["title"]))
        url = escape(self.get_openapi_json_route(request))
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{base}/{RELEASE}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-url="{url}"></div>
<script src="{base}/{RELEASE}/swagger-ui-bundle.js"></script>
<script src="{base}/start-docs.js"></script>
</body>
</html>
""".encode()

    def receive_router(self, router: Router) -> None:
        router.register(swagger_asset)
        router.register(start_docs)
