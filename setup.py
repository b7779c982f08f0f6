"""Packaging: each top-level library folder ships in the package as s75docs/defaults/<folder>."""

# The folders stay at the top of the repository (the layout is fixed); setuptools maps each
# one into the package namespace, so a wheel or a plain `pip install .` carries it as package
# data and s75docs.library.loader.shipped_folder() finds it with importlib.resources. To ship
# another top-level folder (report wording, say), add its name to LIBRARY_FOLDERS. Everything
# else about the project is in pyproject.toml.

from setuptools import find_packages, setup

LIBRARY_FOLDERS = [
    "clause_library",
    "schedule_templates",
    "report_library",
]

setup(
    packages=[
        *find_packages(include=["s75docs", "s75docs.*"]),
        *(f"s75docs.defaults.{folder}" for folder in LIBRARY_FOLDERS),
    ],
    package_dir={f"s75docs.defaults.{folder}": folder for folder in LIBRARY_FOLDERS},
    package_data={
        "s75docs": ["py.typed", "data/*", "data/**/*", "web/templates/*", "web/static/*"],
        **{f"s75docs.defaults.{folder}": ["**/*"] for folder in LIBRARY_FOLDERS},
    },
)
