import factory

from marketplace.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = "สมศรี"
    last_name = "ใจดี"
    password = factory.django.Password("correct horse battery staple")
