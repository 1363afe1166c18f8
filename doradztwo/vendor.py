"""Front-end assets come from npm (package-lock.json) and are served by us — never a CDN."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

# Static paths the base layout loads, and the npm package each comes from.
REQUIRED_ASSETS = {
    "vendor/bootstrap/css/bootstrap.min.css": "bootstrap",
    "vendor/bootstrap/js/bootstrap.bundle.min.js": "bootstrap",
    "vendor/htmx/htmx.min.js": "htmx.org",
}
_EXTERNAL_ASSET = re.compile(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=\"(?:https?:)?//", re.I)


def problems() -> tuple[list[str], dict[str, str]]:
    """Return (problems, {package: version}) for the vendored front-end assets."""
    found: list[str] = []
    versions: dict[str, str] = {}
    lock_path = Path(settings.BASE_DIR) / "package-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))["packages"]
    for package in sorted(set(REQUIRED_ASSETS.values())):
        locked = lock.get(f"node_modules/{package}", {}).get("version")
        manifest = Path(settings.NODE_MODULES) / package / "package.json"
        if not manifest.exists():
            found.append(f"{package} is not installed: run `npm ci --ignore-scripts`.")
            continue
        installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        if installed != locked:
            found.append(f"{package} {installed} installed, package-lock.json pins {locked}: run `npm ci`.")
        versions[package] = installed
    for path in REQUIRED_ASSETS:
        if not finders.find(path):
            found.append(f"static file {path} not found.")
    for template_dir in [Path(settings.BASE_DIR) / "templates"]:
        for template in template_dir.rglob("*.html"):
            if _EXTERNAL_ASSET.search(template.read_text(encoding="utf-8")):
                found.append(f"{template.relative_to(settings.BASE_DIR)} loads an asset from another host.")
    return found, versions
