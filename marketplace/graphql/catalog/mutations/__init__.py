"""The vendor catalogue mutations, one module each, gathered for the schema root.

Every one needs a signed-in member (owner or staff) of the object's shop; another shop's product,
variant, photo or stock is answered NOT_FOUND and nothing changes.
"""

import graphene

from marketplace.graphql.catalog.mutations.product_archive import ProductArchive
from marketplace.graphql.catalog.mutations.product_create import ProductCreate
from marketplace.graphql.catalog.mutations.product_delete import ProductDelete
from marketplace.graphql.catalog.mutations.product_media_create import ProductMediaCreate
from marketplace.graphql.catalog.mutations.product_media_delete import ProductMediaDelete
from marketplace.graphql.catalog.mutations.product_media_reorder import ProductMediaReorder
from marketplace.graphql.catalog.mutations.product_media_update import ProductMediaUpdate
from marketplace.graphql.catalog.mutations.product_publish import ProductPublish
from marketplace.graphql.catalog.mutations.product_unpublish import ProductUnpublish
from marketplace.graphql.catalog.mutations.product_update import ProductUpdate
from marketplace.graphql.catalog.mutations.product_variant_create import ProductVariantCreate
from marketplace.graphql.catalog.mutations.product_variant_delete import ProductVariantDelete
from marketplace.graphql.catalog.mutations.product_variant_stocks_update import (
    ProductVariantStocksUpdate,
)
from marketplace.graphql.catalog.mutations.product_variant_update import ProductVariantUpdate


class CatalogMutations(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_publish = ProductPublish.Field()
    product_unpublish = ProductUnpublish.Field()
    product_archive = ProductArchive.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_delete = ProductVariantDelete.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
    product_media_update = ProductMediaUpdate.Field()
    product_media_delete = ProductMediaDelete.Field()
    product_media_reorder = ProductMediaReorder.Field()
