from sakoo.geo.testing import reference_data  # noqa: F401
