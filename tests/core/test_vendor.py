"""Every vendored asset is listed with its version, licence and source (citemetiers/core/vendor.json),
and the list matches the files the platform serves (`make vendor` rewrites it)."""

from citemetiers.core import vendor


def test_manifest_matches_the_served_files_hash_for_hash():
    assert vendor.read_manifest() == vendor.build_manifest(), "citemetiers/core/vendor.json is stale: run `make vendor`"


def test_every_asset_says_its_version_licence_and_registry_package():
    for asset in vendor.read_manifest()["assets"]:
        assert asset["version"] and asset["licence"]
        assert asset["package"].startswith("npm:") and asset["carried_by"].startswith("pypi:")
        assert asset["files"], asset["name"]
