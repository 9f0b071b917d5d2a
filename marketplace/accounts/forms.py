from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm

from marketplace.accounts.models import User


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
