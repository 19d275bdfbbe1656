from django.db import migrations

# The trades a labour square starts with (code, Persian, English); the admin adds more in /admin/.
TRADES = (
    ("mason", "بنّا", "Mason"),
    ("labourer", "کارگر ساده", "General labourer"),
    ("painter", "نقاش ساختمان", "House painter"),
    ("tiler", "کاشی‌کار", "Tiler"),
    ("plumber", "لوله‌کش", "Plumber"),
    ("electrician", "برق‌کار", "Electrician"),
    ("farm", "کارگر کشاورزی", "Farm worker"),
    ("porter", "باربر", "Porter"),
    ("plasterer", "گچ‌کار", "Plasterer"),
    ("welder", "جوشکار", "Welder"),
)


def add_trades(apps, schema_editor):
    Trade = apps.get_model("squares", "Trade")
    for order, (code, name_fa, name_en) in enumerate(TRADES, start=1):
        Trade.objects.get_or_create(
            code=code, defaults={"name_fa": name_fa, "name_en": name_en, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("squares", "0001_initial")]

    operations = [migrations.RunPython(add_trades, migrations.RunPython.noop)]
