"""The three starting topics of the field guide, with their keyword rules."""

from django.db import migrations

TOPICS = [
    {
        "slug": "counter-terrorism",
        "name_ar": "مكافحة الإرهاب",
        "name_en": "Counter-terrorism",
        "colour": "#e53935",
        "description": (
            "Action and statements against ISIS (داعش، تنظيم الدولة), the PKK, the YPG; "
            "'terror corridor' language; Turkey calling the SDF a terrorist organisation."
        ),
        "keywords": "\n".join(
            [
                "مكافحة الإرهاب",
                "الإرهاب",
                "إرهابية",
                "إرهابي",
                "داعش",
                "تنظيم الدولة",
                "حزب العمال الكردستاني",
                "العمال الكردستاني",
                "وحدات حماية الشعب",
                "ممر إرهابي",
            ]
        ),
    },
    {
        "slug": "sdf-integration",
        "name_ar": "اندماج قسد",
        "name_en": "SDF integration",
        "colour": "#1e88e5",
        "description": (
            "The March 2025 agreement to merge the SDF (قسد، قوات سوريا الديمقراطية) into "
            "Syrian state institutions; calls to comply; 'separatist rhetoric'; the Hasakah conference."
        ),
        "keywords": "\n".join(
            [
                "قسد",
                "قوات سوريا الديمقراطية",
                "اتفاق الاندماج",
                "اتفاقية الاندماج",
                "دمج",
                "اندماج",
                "الخطاب الانفصالي",
                "دولة واحدة وجيش واحد",
            ]
        ),
    },
    {
        "slug": "training-mou",
        "name_ar": "مذكرة التفاهم للتدريب",
        "name_en": "Training MoU",
        "colour": "#43a047",
        "description": (
            "The 13 August 2025 memorandum of understanding on joint training and consultancy; "
            "personnel exchange, specialised training, technical assistance, arms and logistics "
            "supply, defence-industry cooperation."
        ),
        "keywords": "\n".join(
            [
                "مذكرة التفاهم",
                "مذكرة تفاهم",
                "للتدريب والاستشارات",
                "التدريب والمشورات",
                "اتفاقية تعاون عسكري",
                "اتفاق تعاون عسكري",
                "التبادل المنتظم للأفراد العسكريين",
                "تدريب على المهارات المتخصصة",
                "مساعدة فنية",
                "الصناعات الدفاعية",
            ]
        ),
    },
]


def create_topics(apps, schema_editor):
    Topic = apps.get_model("annotations", "Topic")
    for data in TOPICS:
        Topic.objects.update_or_create(slug=data["slug"], defaults=data)


def remove_topics(apps, schema_editor):
    Topic = apps.get_model("annotations", "Topic")
    Topic.objects.filter(slug__in=[t["slug"] for t in TOPICS], annotations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("annotations", "0001_initial")]

    operations = [migrations.RunPython(create_topics, remove_topics)]
