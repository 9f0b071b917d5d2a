"""Load every Thai province, district, subdistrict and postal code from the `geothai` package.

Self-contained on purpose (historical models, no app code): a data migration must keep working
when the services change. `manage.py load_places` refreshes the rows later (renames, new places).
The test database is built with this migration on every run, so it uses three bulk inserts.
"""

import geothai
from django.db import migrations

BATCH_SIZE = 2000


def load_places(apps, schema_editor):
    Province = apps.get_model("municipalities", "Province")
    District = apps.get_model("municipalities", "District")
    Subdistrict = apps.get_model("municipalities", "Subdistrict")
    db = schema_editor.connection.alias

    provinces = geothai.provinces()
    districts = [d for p in provinces for d in geothai.districts(p.code)]
    subdistricts = [s for d in districts for s in geothai.subdistricts(d.code)]

    Province.objects.using(db).bulk_create(
        [Province(code=p.code, name_th=p.name_th, name_en=p.name_en) for p in provinces],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    District.objects.using(db).bulk_create(
        [
            District(code=d.code, province_id=d.province_code, name_th=d.name_th, name_en=d.name_en)
            for d in districts
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    Subdistrict.objects.using(db).bulk_create(
        [
            Subdistrict(
                code=s.code,
                district_id=s.district_code,
                name_th=s.name_th,
                name_en=s.name_en,
                postal_codes=list(s.postal_codes),
            )
            for s in subdistricts
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )


def unload_places(apps, schema_editor):
    """Remove the places again; refuses (ProtectedError) while vendors or addresses use them."""
    db = schema_editor.connection.alias
    for name in ("Subdistrict", "District", "Province"):
        apps.get_model("municipalities", name).objects.using(db).all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0002_subdistrict_postal_codes_index"),
    ]

    operations = [
        migrations.RunPython(load_places, unload_places, elidable=False),
    ]
