"""The GraphQL endpoint, with limits that keep one request from costing the server too much.

Every limit answers with an ordinary GraphQL error body carrying a stable `extensions.code`
(HTTP 400, or 413 for sizes), never a 500:

- `DOCUMENT_TOO_LARGE`: the document is larger than `GRAPHQL_MAX_DOCUMENT_BYTES`;
- depth: deeper than `GRAPHQL_MAX_DEPTH` (graphene's depth limit);
- `QUERY_TOO_COSTLY`: more than `GRAPHQL_MAX_COST` (see `QueryCostRule`);
- `INTROSPECTION_DISABLED`: `__schema` / `__type` when `GRAPHQL_INTROSPECTION` is off;
- `FILE_TOO_LARGE`, `TOO_MANY_FILES`, `INVALID_MULTIPART`: uploads (the GraphQL multipart
  request spec: an `operations` part, a `map` part and one part per file; each file lands in its
  variable as Django's `UploadedFile`, which the `Upload` scalar passes on).

An exception a resolver did not expect is logged with its traceback and answered with code
`INTERNAL_ERROR` and a message that says nothing of the code (the request id finds the log).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from graphene.validation import depth_limit_validator
from graphene_django.views import GraphQLView
from graphql import (
    ASTValidationRule,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    NoFragmentCyclesRule,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    is_interface_type,
    is_object_type,
    parse,
    validate,
)
from graphql.language.visitor import SKIP, VisitorAction

from marketplace.core import request_id
from marketplace.core.errors import DomainError

logger = logging.getLogger("marketplace.graphql")

PAGE_ARGUMENTS = ("first", "last")


# --- query cost ---------------------------------------------------------------------------------


class QueryCost:
    """The cost of an operation: each field costs 1, and what is selected inside a paginated field
    counts as many times as the page is long (`first` / `last`; when neither is given, or it
    comes from a variable not sent, the argument's default or `GRAPHQL_COST_DEFAULT_LIST_SIZE`).
    So `products(first: 50) { edges { node { name } } }` costs 1 + 50 * 3. Fragments are counted
    once each and reused, so a document cannot make the count itself expensive."""

    def __init__(
        self,
        context: ValidationContext,
        *,
        variables: Mapping[str, Any],
        default_list_size: int,
    ) -> None:
        self.context = context
        self.variables = variables
        self.default_list_size = default_list_size
        self._fragments: dict[str, int] = {}

    def operation(self, node: OperationDefinitionNode) -> int:
        root = self.context.schema.get_root_type(node.operation)
        return self.selections(node.selection_set, root, frozenset())

    def selections(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        seen: frozenset[str],
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.context.schema.get_type(condition.name.value) if condition else None
                total += self.selections(selection.selection_set, inner or parent, seen)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, seen)
        return total

    def fragment(self, name: str, seen: frozenset[str]) -> int:
        if name in seen:  # a cycle; NoFragmentCyclesRule reports it
            return 0
        if name not in self._fragments:
            definition: FragmentDefinitionNode | None = self.context.get_fragment(name)
            if definition is None:
                return 0
            parent = self.context.schema.get_type(definition.type_condition.name.value)
            self._fragments[name] = self.selections(definition.selection_set, parent, seen | {name})
        return self._fragments[name]

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, seen: frozenset[str]) -> int:
        definition: GraphQLField | None = None
        if parent is not None and (is_object_type(parent) or is_interface_type(parent)):
            definition = parent.fields.get(node.name.value)  # type: ignore[attr-defined]
        child = get_named_type(definition.type) if definition is not None else None
        inner = self.selections(node.selection_set, child, seen)
        return 1 + self.page_size(node, definition) * inner

    def page_size(self, node: FieldNode, definition: GraphQLField | None) -> int:
        if definition is None or not any(name in definition.args for name in PAGE_ARGUMENTS):
            return 1
        for argument in node.arguments or ():
            if argument.name.value not in PAGE_ARGUMENTS:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(int(value.value), 0)
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, int) and not isinstance(given, bool):
                    return max(given, 0)
        for name in PAGE_ARGUMENTS:  # the field's own default, e.g. `first: Int = 8`
            default = definition.args[name].default_value if name in definition.args else None
            if isinstance(default, int) and not isinstance(default, bool):
                return max(default, 0)
        return self.default_list_size


def query_cost_rule(
    *, max_cost: int, default_list_size: int, variables: Mapping[str, Any] | None
) -> type[ASTValidationRule]:
    class QueryCostRule(ValidationRule):
        def enter_operation_definition(
            self, node: OperationDefinitionNode, *_args: Any
        ) -> VisitorAction:
            cost = QueryCost(
                self.context, variables=variables or {}, default_list_size=default_list_size
            ).operation(node)
            if cost > max_cost:
                self.report_error(
                    GraphQLError(
                        _(
                            "This query asks for too much at once (cost %(cost)d; the limit is "
                            "%(limit)d). Ask for fewer items per page or fewer nested lists."
                        )
                        % {"cost": cost, "limit": max_cost},
                        node,
                        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": max_cost},
                    )
                )
            return SKIP

    return QueryCostRule


class NoIntrospectionRule(ValidationRule):
    """`__schema` and `__type` are refused (`__typename` stays allowed: clients need it)."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.name.value in ("__schema", "__type"):
            self.report_error(
                GraphQLError(
                    _("Introspection is turned off on this server."),
                    node,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            )


# --- the view -----------------------------------------------------------------------------------


class KadGraphQLView(GraphQLView):
    """graphene-django's view with Kad's limits, multipart uploads and error masking."""

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: str | None,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> Any:
        # One view instance serves one request, so the rules may depend on its variables.
        rules: list[type[ASTValidationRule]] = [
            depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH),
            query_cost_rule(
                max_cost=settings.GRAPHQL_MAX_COST,
                default_list_size=settings.GRAPHQL_COST_DEFAULT_LIST_SIZE,
                variables=variables if isinstance(variables, Mapping) else None,
            ),
        ]
        if not settings.GRAPHQL_INTROSPECTION:
            rules.append(NoIntrospectionRule)
        self.validation_rules = tuple(rules)
        # graphene's depth limit follows fragment spreads without a guard, so a fragment cycle
        # must be refused before the other rules run.
        cycles = _fragment_cycles(self.schema.graphql_schema, query)
        if cycles:
            return ExecutionResult(data=None, errors=cycles)
        try:
            return super().execute_graphql_request(
                request, data, query, variables, operation_name, show_graphiql
            )
        except RecursionError:
            error = GraphQLError(
                _("The query is nested too deeply."), extensions={"code": "QUERY_TOO_DEEP"}
            )
            return ExecutionResult(data=None, errors=[error])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _is_multipart(request):
            refused = _multipart_operations(request)
            if isinstance(refused, HttpResponse):
                return refused
            request._kad_graphql_operations = refused  # type: ignore[attr-defined]
        else:
            too_big = _document_too_big(request)
            if too_big:
                return _error_response(too_big, "DOCUMENT_TOO_LARGE", status=413)
        return super().dispatch(request, *args, **kwargs)

    def parse_body(self, request: HttpRequest) -> Any:
        operations = getattr(request, "_kad_graphql_operations", None)
        if operations is not None:
            return operations
        return super().parse_body(request)

    @staticmethod
    def format_error(error: Any) -> dict[str, Any]:
        if not isinstance(error, GraphQLError):
            return {"message": str(error)}
        original = error.original_error
        if original is None or isinstance(original, GraphQLError | DomainError):
            return dict(error.formatted)
        logger.error(
            "GraphQL resolver failed at %s: %s",
            ".".join(str(part) for part in error.path or ()),
            type(original).__name__,
            exc_info=original,
        )
        formatted = dict(error.formatted)
        formatted["message"] = (
            str(error.message)
            if settings.DEBUG
            else _("Something went wrong on our side (reference %(id)s). Please try again later.")
            % {"id": request_id.current() or "-"}
        )
        formatted["extensions"] = {"code": "INTERNAL_ERROR"}
        return formatted


def _fragment_cycles(schema: GraphQLSchema, query: str | None) -> list[GraphQLError]:
    if not query:
        return []
    try:
        document = parse(query)
    except (GraphQLError, RecursionError):
        return []  # the view reports it
    return list(validate(schema, document, (NoFragmentCyclesRule,)))


def _error_response(message: str, code: str, *, status: int) -> HttpResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def _document_too_big(request: HttpRequest) -> str:
    limit = settings.GRAPHQL_MAX_DOCUMENT_BYTES
    if request.method == "POST":
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    else:
        size = len(request.GET.get("query", "").encode())
    return _too_big_message(size, limit)


def _too_big_message(size: int, limit: int) -> str:
    if size > limit:
        return _("The GraphQL document is too large (%(size)d bytes; the limit is %(limit)d).") % {
            "size": size,
            "limit": limit,
        }
    return ""


# --- multipart uploads --------------------------------------------------------------------------


def _is_multipart(request: HttpRequest) -> bool:
    content_type = request.META.get("CONTENT_TYPE", "")
    return request.method == "POST" and content_type.lower().startswith("multipart/form-data")


def _invalid_multipart(message: str) -> HttpResponse:
    return _error_response(message, "INVALID_MULTIPART", status=400)


def _multipart_operations(request: HttpRequest) -> dict[str, Any] | HttpResponse:
    """The operation of a GraphQL multipart request with its files put into the variables, or the
    refusal to send back. Files are checked against `KAD_MAX_UPLOAD_BYTES` (each) and
    `GRAPHQL_MAX_UPLOAD_FILES`; the whole body was bounded by `KAD_MAX_REQUEST_BYTES` before it
    was read (`marketplace.core.security.RequestSizeLimitMiddleware`)."""
    raw = request.POST.get("operations", "")
    too_big = _too_big_message(len(raw.encode()), settings.GRAPHQL_MAX_DOCUMENT_BYTES)
    if too_big:
        return _error_response(too_big, "DOCUMENT_TOO_LARGE", status=413)
    try:
        operations = json.loads(raw)
        file_map = json.loads(request.POST.get("map", "") or "{}")
    except ValueError:
        return _invalid_multipart(_("The `operations` and `map` parts must be JSON."))
    if not isinstance(operations, dict) or not isinstance(file_map, dict):
        return _invalid_multipart(
            _("`operations` must be one operation (an object) and `map` an object.")
        )
    if len(request.FILES) > settings.GRAPHQL_MAX_UPLOAD_FILES:
        return _error_response(
            _("Too many files in one request; the limit is %(limit)d.")
            % {"limit": settings.GRAPHQL_MAX_UPLOAD_FILES},
            "TOO_MANY_FILES",
            status=400,
        )
    for key, paths in file_map.items():
        upload = request.FILES.get(str(key))
        if upload is None or not isinstance(paths, list):
            return _invalid_multipart(
                _("The file part %(key)s named in `map` is missing.") % {"key": key}
            )
        if (upload.size or 0) > settings.KAD_MAX_UPLOAD_BYTES:
            return _error_response(
                _("The file %(name)s is larger than %(megabytes)d MB.")
                % {"name": upload.name, "megabytes": settings.KAD_MAX_UPLOAD_BYTES // 1_048_576},
                "FILE_TOO_LARGE",
                status=413,
            )
        for dotted in paths:
            if not _put(operations, str(dotted), upload):
                return _invalid_multipart(
                    _("`map` names %(path)s, which is not a variable of the operation.")
                    % {"path": dotted}
                )
    return operations


def _put(operations: dict[str, Any], dotted: str, upload: UploadedFile) -> bool:
    """Replace the `null` at `dotted` (e.g. `variables.photos.1`) with the upload."""
    parts = dotted.split(".")
    if len(parts) < 2 or parts[0] != "variables":
        return False
    target: Any = operations
    for part in parts[:-1]:
        target = _step(target, part)
        if target is None:
            return False
    last = parts[-1]
    if isinstance(target, dict) and last in target and target[last] is None:
        target[last] = upload
        return True
    if isinstance(target, list) and last.isdigit() and int(last) < len(target):
        if target[int(last)] is None:
            target[int(last)] = upload
            return True
    return False


def _step(container: Any, part: str) -> Any:
    if isinstance(container, dict):
        return container.get(part)
    if isinstance(container, list) and part.isdigit() and int(part) < len(container):
        return container[int(part)]
    return None
