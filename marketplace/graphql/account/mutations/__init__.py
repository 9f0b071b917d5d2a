"""The account mutations, one module each, gathered for the schema root."""

import graphene

from marketplace.graphql.account.mutations.account_address_create import AccountAddressCreate
from marketplace.graphql.account.mutations.account_address_delete import AccountAddressDelete
from marketplace.graphql.account.mutations.account_address_update import AccountAddressUpdate
from marketplace.graphql.account.mutations.account_register import AccountRegister
from marketplace.graphql.account.mutations.account_set_default_address import (
    AccountSetDefaultAddress,
)
from marketplace.graphql.account.mutations.confirm_account import ConfirmAccount
from marketplace.graphql.account.mutations.password_change import PasswordChange
from marketplace.graphql.account.mutations.request_password_reset import RequestPasswordReset
from marketplace.graphql.account.mutations.set_password import SetPassword
from marketplace.graphql.account.mutations.token_create import CreateToken
from marketplace.graphql.account.mutations.token_refresh import RefreshToken
from marketplace.graphql.account.mutations.token_verify import VerifyToken


class AccountMutations(graphene.ObjectType):
    account_register = AccountRegister.Field()
    confirm_account = ConfirmAccount.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    password_change = PasswordChange.Field()
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    token_verify = VerifyToken.Field()
    account_address_create = AccountAddressCreate.Field()
    account_address_update = AccountAddressUpdate.Field()
    account_address_delete = AccountAddressDelete.Field()
    account_set_default_address = AccountSetDefaultAddress.Field()
