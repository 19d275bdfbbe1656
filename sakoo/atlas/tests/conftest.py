from sakoo.geo.testing import reference_data, reference_data_per_test  # noqa: F401
