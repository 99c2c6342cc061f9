from django.db import migrations


def forget_addresses(apps, schema_editor):
    # Failures were counted by the visitor's address itself; they now count by a keyed digest of it.
    # They are kept a day at most: forgetting the old ones loses nothing but a few minutes of throttling.
    apps.get_model("reception", "CardLookupFailure").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reception", "0005_kiosk_return_seconds"),
    ]

    operations = [migrations.RunPython(forget_addresses, migrations.RunPython.noop)]
