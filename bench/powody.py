POWODY: dict[str, dict[str, str]] = {}
