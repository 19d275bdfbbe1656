"""The shipped programmer group gains «توسعه‌دهنده نرم‌افزار» (data/synonyms.txt).

Only a group still as shipped is changed: one an admin has edited is left as it is.
"""

from django.db import migrations

BEFORE = "\n".join(["برنامه‌نویس", "توسعه‌دهنده", "برنامه‌نویس نرم‌افزار", "دولوپر"])
AFTER = "\n".join([BEFORE, "توسعه‌دهنده نرم‌افزار"])


def forward(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(words=BEFORE, note="seed").update(words=AFTER)


def backward(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(words=AFTER, note="seed").update(words=BEFORE)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_seed_synonyms")]
    operations = [migrations.RunPython(forward, backward)]
