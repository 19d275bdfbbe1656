"""factory_boy factories for tests that need a county but not the whole reference data.

``ProvinceFactory()`` gets or creates East Azerbaijan (03); ``CountyFactory()`` makes a synthetic county
with a code from 9000 up (never a real SCI code) in it. For real counties and census figures, load the
shipped data instead (see sakoo.geo.testing).
"""

import factory

from sakoo.geo.models import County, Province


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "03"
    iso3166_2 = factory.LazyAttribute(lambda o: f"IR-{o.code}")
    name_fa = "آذربایجان شرقی"
    name_en = "East Azerbaijan"


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")
    province = factory.SubFactory(ProvinceFactory)
    name_fa = factory.Sequence(lambda n: f"شهرستان آزمایشی {n}")
    name_en = factory.Sequence(lambda n: f"Test county {n}")
    osm_relation = factory.Sequence(lambda n: 900_000_000 + n)
    census2016_code = ""
    census2016_parent_code = ""
