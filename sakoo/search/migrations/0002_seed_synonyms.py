"""Load the shipped synonym groups (sakoo/search/data/synonyms.txt) once; admins extend them later."""

from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"


def seed_groups():
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield "\n".join(part.strip() for part in line.split("|") if part.strip())


def load(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    existing = set(SynonymGroup.objects.values_list("words", flat=True))
    SynonymGroup.objects.bulk_create(
        [SynonymGroup(words=words, note="seed") for words in seed_groups() if words not in existing]
    )


def unload(apps, schema_editor):
    apps.get_model("search", "SynonymGroup").objects.filter(note="seed").delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
