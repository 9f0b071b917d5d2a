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


class OperatorFactory(UserFactory):
    """A co-op operator who signs in to the admin (a superuser)."""

    email = factory.Sequence(lambda n: f"operator{n}@example.com")
    first_name = "ประภา"
    is_staff = True
    is_superuser = True
