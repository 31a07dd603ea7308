"""The starting actors: the people, organisations, outlets and places the
archive's articles name, spelt as the texts spell them, with their English
names. Editors add more, and more spellings, in the admin."""

import datetime as dt

from django.db import migrations

# slug, kind, Arabic name, English name, description, Wikidata id, aliases.
# An alias written "!سورية" may not take the article: السورية is "the Syrian".
ACTORS = [
    ("yasar-guler", "person", "يشار غولر", "Yaşar Güler", "Turkish defence minister.", "",
     ["يشار غولر", "يشار غولار", "غولر", "غولار", "Yaşar Güler", "Yasar Guler"]),
    ("murhaf-abu-qasra", "person", "مرهف أبو قصرة", "Murhaf Abu Qasra",
     "Syrian defence minister.", "",
     ["مرهف أبو قصرة", "أبو قصرة", "Murhaf Abu Qasra", "Abu Qasra"]),
    ("asaad-al-shaibani", "person", "أسعد حسن الشيباني", "Asaad al-Shaibani",
     "Syrian foreign minister.", "",
     ["أسعد حسن الشيباني", "أسعد الشيباني", "الشيباني", "Asaad al-Shaibani"]),
    ("hussein-al-salameh", "person", "حسين السلامة", "Hussein al-Salameh",
     "Head of Syrian intelligence.", "",
     # Not "السلامة" alone: it is also the word for safety.
     ["حسين السلامة", "Hussein al-Salameh"]),
    ("hakan-fidan", "person", "هاكان فيدان", "Hakan Fidan", "Turkish foreign minister.", "",
     ["هاكان فيدان", "فيدان", "Hakan Fidan"]),
    ("ibrahim-kalin", "person", "إبراهيم قالن", "İbrahim Kalın",
     "Head of Turkish intelligence (MIT).", "",
     ["إبراهيم قالن", "قالن", "İbrahim Kalın", "Ibrahim Kalin"]),
    ("zeki-akturk", "person", "زكي أكتورك", "Zeki Aktürk",
     "Turkish defence ministry spokesman.", "",
     ["زكي أكتورك", "أكتورك", "Zeki Aktürk", "Zeki Akturk"]),
    ("metin-gurak", "person", "ميتين غوراك", "Metin Gürak", "Turkish chief of general staff.", "",
     ["ميتين غوراك", "غوراك", "Metin Gürak", "Metin Gurak"]),
    ("asim-hawari", "person", "عاصم هواري", "Asim Hawari", "Syrian air force commander.", "",
     ["عاصم هواري", "هواري", "Asim Hawari"]),
    ("haluk-gorgun", "person", "خلوق غورغون", "Haluk Görgün",
     "Head of Turkey's defence industry agency (SSB).", "",
     ["خلوق غورغون", "غورغون", "Haluk Görgün", "Haluk Gorgun"]),
    ("ahmed-al-sharaa", "person", "أحمد الشرع", "Ahmed al-Sharaa", "Syrian president.", "",
     # Not "الشرع" alone: it is also the word for (religious) law.
     ["أحمد الشرع", "Ahmed al-Sharaa"]),
    ("sdf", "armed_group", "قوات سوريا الديمقراطية", "Syrian Democratic Forces (SDF)",
     "Kurdish-led force in north-eastern Syria; the March 2025 agreement merges it into "
     "Syrian state institutions.", "",
     ["قوات سوريا الديمقراطية", "قسد", "SDF", "Syrian Democratic Forces"]),
    ("isis", "armed_group", "تنظيم الدولة الإسلامية", "Islamic State (ISIS)", "", "",
     ["تنظيم الدولة الإسلامية", "تنظيم الدولة", "داعش", "ISIS", "ISIL", "Islamic State"]),
    ("pkk", "armed_group", "حزب العمال الكردستاني", "Kurdistan Workers' Party (PKK)", "", "",
     ["حزب العمال الكردستاني", "العمال الكردستاني", "PKK"]),
    ("ypg", "armed_group", "وحدات حماية الشعب", "People's Defence Units (YPG)", "", "",
     ["وحدات حماية الشعب", "YPG"]),
    ("turkish-defence-ministry", "state_body", "وزارة الدفاع التركية", "Turkish Ministry of "
     "National Defence", "", "",
     ["وزارة الدفاع التركية", "وزارة الدفاع الوطني التركية"]),
    ("syrian-defence-ministry", "state_body", "وزارة الدفاع السورية", "Syrian Ministry of "
     "Defence", "", "",
     ["وزارة الدفاع السورية"]),
    ("reuters", "outlet", "رويترز", "Reuters", "News agency.", "", ["رويترز", "Reuters"]),
    ("sana", "outlet", "وكالة الأنباء السورية", "SANA (Syrian Arab News Agency)",
     "Syrian state news agency.", "",
     ["وكالة الأنباء السورية", "وكالة الأنباء العربية السورية", "سانا", "SANA"]),
    ("anadolu", "outlet", "وكالة الأناضول", "Anadolu Agency", "Turkish state news agency.", "",
     ["وكالة الأناضول", "الأناضول", "Anadolu"]),
    ("al-bawaba-news", "outlet", "البوابة نيوز", "Al-Bawaba News", "Egyptian news site.", "",
     ["البوابة نيوز"]),
    ("al-ikhbariya", "outlet", "قناة الإخبارية السورية", "Al-Ikhbariya (Syrian TV)",
     "Syrian state news channel.", "",
     ["قناة الإخبارية السورية", "الإخبارية السورية"]),
    ("turkey", "country", "تركيا", "Turkey", "", "Q43", ["!تركيا", "Turkey", "Türkiye"]),
    ("syria", "country", "سوريا", "Syria", "", "Q858", ["!سوريا", "!سورية", "Syria"]),
    ("ankara", "place", "أنقرة", "Ankara", "Capital of Turkey.", "Q3640", ["أنقرة", "Ankara"]),
    ("damascus", "place", "دمشق", "Damascus", "Capital of Syria.", "Q3766",
     ["دمشق", "Damascus"]),
    ("hasakah", "place", "الحسكة", "Al-Hasakah", "City and province in north-eastern Syria.",
     "", ["الحسكة", "Hasakah"]),
    ("suwayda", "place", "السويداء", "As-Suwayda", "City and province in southern Syria.", "",
     ["السويداء", "Suwayda"]),
]

# person slug, Arabic title, English title, organisation slug, from.
ROLES = [
    ("yasar-guler", "وزير الدفاع التركي", "Turkish defence minister",
     "turkish-defence-ministry", dt.date(2023, 6, 3)),
    ("murhaf-abu-qasra", "وزير الدفاع السوري", "Syrian defence minister",
     "syrian-defence-ministry", None),
    ("zeki-akturk", "المتحدث باسم وزارة الدفاع التركية", "Turkish defence ministry spokesman",
     "turkish-defence-ministry", None),
    ("hakan-fidan", "وزير الخارجية التركي", "Turkish foreign minister", "",
     dt.date(2023, 6, 3)),
    ("asaad-al-shaibani", "وزير الخارجية السوري", "Syrian foreign minister", "", None),
    ("ahmed-al-sharaa", "الرئيس السوري", "Syrian president", "", None),
]


def create_actors(apps, schema_editor):
    from actors.matching import match_key

    Actor = apps.get_model("actors", "Actor")
    Alias = apps.get_model("actors", "Alias")
    Role = apps.get_model("actors", "Role")
    by_slug = {}
    for slug, kind, name_ar, name_en, description, wikidata_id, aliases in ACTORS:
        actor, _ = Actor.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "name_ar": name_ar,
                "name_en": name_en,
                "description": description,
                "wikidata_id": wikidata_id,
            },
        )
        by_slug[slug] = actor
        for text in aliases:
            allows_article = not text.startswith("!")
            text = text.lstrip("!")
            Alias.objects.get_or_create(
                actor=actor,
                normalized=match_key(text),
                defaults={"text": text, "allows_article": allows_article},
            )
    for slug, title_ar, title_en, organisation, starts_on in ROLES:
        Role.objects.get_or_create(
            actor=by_slug[slug],
            title_ar=title_ar,
            defaults={
                "title_en": title_en,
                "organisation": by_slug.get(organisation),
                "starts_on": starts_on,
            },
        )


def remove_actors(apps, schema_editor):
    apps.get_model("actors", "Actor").objects.filter(slug__in=[a[0] for a in ACTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]

    operations = [migrations.RunPython(create_actors, remove_actors)]
