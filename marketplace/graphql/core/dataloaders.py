"""Synchronous batching loaders for one GraphQL request.

graphene 3 runs on graphql-core 3, which dropped the `promise` library that Saleor's
dataloaders (and graphene 2's) relied on; in a synchronous Django view a resolver must return its
value at once, so a loader cannot wait for its siblings' keys the way an async DataLoader does.
These loaders batch by *announced siblings* instead:

* every model instance the API hands out is announced to the request's `RequestBatch`, with its
  primary key and the values of its foreign keys (a product announces its id, its vendor's id, its
  category's id …);
* a loader is keyed by one model's primary keys (`key_model`); on its first miss it loads, in one
  query, the missing key together with every announced key of that model it has not loaded yet.

So a page of 100 products costs one query per relation, whatever the page size: the first
product's `variants` loads the variants of all 100, those variants are announced, and the first
variant's `quantityAvailable` loads the stock of all of them. A loader may load a little more than
the response needs (announced objects whose relation was never asked for), never less.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

from django.db.models import ForeignKey, Model

K = TypeVar("K")
V = TypeVar("V")

_CONTEXT_ATTRIBUTE = "_kad_request_batch"


class RequestBatch:
    """What one request has seen and loaded; lives on the request object (`info.context`)."""

    def __init__(self) -> None:
        self._known: dict[type[Model], dict[Any, None]] = {}
        self._loaders: dict[type[BatchLoader[Any, Any]], BatchLoader[Any, Any]] = {}

    def announce(self, instances: Iterable[Model]) -> None:
        for instance in instances:
            model = instance._meta.concrete_model or type(instance)
            self._known.setdefault(model, {})[instance.pk] = None
            for attname, related_model in _foreign_keys(model):
                value = getattr(instance, attname)
                if value is not None:
                    self._known.setdefault(related_model, {})[value] = None

    def known_keys(self, model: type[Model]) -> Sequence[Any]:
        return list(self._known.get(model, {}))

    def loader(self, loader_class: type[L]) -> L:
        loader = self._loaders.get(loader_class)
        if loader is None:
            loader = loader_class(self)
            self._loaders[loader_class] = loader
        return cast(L, loader)


def request_batch(context: Any) -> RequestBatch:
    batch = getattr(context, _CONTEXT_ATTRIBUTE, None)
    if batch is None:
        batch = RequestBatch()
        setattr(context, _CONTEXT_ATTRIBUTE, batch)
    return batch


def announce(info: Any, instances: Iterable[Model]) -> None:
    """Tell the request's loaders about objects a resolver is about to return."""
    request_batch(info.context).announce(instances)


class BatchLoader(Generic[K, V]):
    """Loads values by primary keys of `key_model`, batching with every announced sibling key.

    Subclasses set `key_model` and implement `batch_load`; keys that `batch_load` leaves out get
    `missing()` (None, or an empty list for loaders of many).
    """

    key_model: ClassVar[type[Model]]

    def __init__(self, batch: RequestBatch) -> None:
        self._batch = batch
        self._cache: dict[K, V] = {}

    @classmethod
    def of(cls, info: Any) -> Self:
        return request_batch(info.context).loader(cls)

    def load(self, key: K) -> V:
        if key not in self._cache:
            self._fill(key)
        return self._cache[key]

    def load_many(self, keys: Iterable[K]) -> list[V]:
        return [self.load(key) for key in keys]

    def batch_load(self, keys: Sequence[K]) -> Mapping[K, V]:
        raise NotImplementedError

    def missing(self) -> V:
        return None  # type: ignore[return-value]  # loaders of many override it with []

    def _fill(self, key: K) -> None:
        keys = [
            known for known in self._batch.known_keys(self.key_model) if known not in self._cache
        ]
        if key not in keys:
            keys.append(key)
        results = self.batch_load(keys)
        for batch_key in keys:
            self._cache[batch_key] = results[batch_key] if batch_key in results else self.missing()
        self._batch.announce(_instances_in(results.values()))


class ManyLoader(BatchLoader[K, list[V]]):
    """A loader whose value per key is a list (variants of a product, stock of a variant …)."""

    def missing(self) -> list[V]:
        return []


L = TypeVar("L", bound=BatchLoader[Any, Any])


def group_by(rows: Iterable[V], key_of: Any) -> dict[Any, list[V]]:
    grouped: dict[Any, list[V]] = {}
    for row in rows:
        grouped.setdefault(key_of(row), []).append(row)
    return grouped


@cache
def _foreign_keys(model: type[Model]) -> tuple[tuple[str, type[Model]], ...]:
    keys: list[tuple[str, type[Model]]] = []
    for model_field in model._meta.concrete_fields:
        if isinstance(model_field, ForeignKey):
            related = model_field.related_model
            if isinstance(related, type) and issubclass(related, Model):
                keys.append((model_field.attname, related._meta.concrete_model or related))
    return tuple(keys)


def _instances_in(values: Iterable[Any]) -> Iterable[Model]:
    for value in values:
        if isinstance(value, Model):
            yield value
        elif isinstance(value, list | tuple):
            yield from (item for item in value if isinstance(item, Model))
