"""Load-test scenarios for Kad (locust). Run through `python -m benchmarks.load`, which seeds a
database of its own, starts gunicorn on loopback and runs this file headless; or by hand:

    locust -f benchmarks/locustfile.py --headless -u 10 -r 2 -t 60s --host http://127.0.0.1:8000

Users:
- ShopperBrowsing: home, a product page, a Thai search (page and GraphQL), a category listing.
- ShopperBuying: a guest cart through the GraphQL API, a Thai address, delivery per vendor and
  checkout with cash on delivery (checkoutCreate → checkoutShippingAddressUpdate →
  checkoutDeliveryMethodUpdate → checkoutComplete → orderPaymentInitialize).
- Artisan: signs in once (GraphQL tokenCreate, and the sign-in page for the portal), then reads
  `me`, the own shop's products and the vendor portal's pages.
- PageUser (storefront benchmark only, `python -m benchmarks.storefront`): requests the paths in
  KAD_BENCH_PATHS as fast as it can, to measure one page at a time.

The demo data of `seed_demo` is assumed: product pages at /product/<slug>/, the artisan account
artisan@kad.example (override with KAD_ARTISAN_EMAIL / KAD_ARTISAN_PASSWORD).
"""

from __future__ import annotations

import os
import random
import re
import threading
import uuid
from typing import Any

from locust import HttpUser, between, constant, task

THAI_QUERIES = ["ผ้าไหม", "ผ้าไหมยกดอก", "ลำไย", "ผ้าฝ้าย", "เครื่องปั้นดินเผา", "ไม้แกะสลัก", "ลำพูน"]
ENGLISH_QUERIES = ["silk", "pha mai", "longan", "cotton scarf", "pottery"]
ADDRESS = {
    "firstName": "มาลี",
    "lastName": "ศรีสุข",
    "phone": "081-234-5678",
    "streetAddress1": "99/1 ถนนอินทยงยศ",
    "provinceCode": "51",
    "districtCode": "5101",
    "subdistrictCode": "510101",
    "postalCode": "51000",
    "country": "TH",
}
PRODUCTS_QUERY = """
query Catalogue($first: Int!, $search: String) {
  products(first: $first, search: $search) {
    edges { node {
      id slug name
      vendor { id name }
      pricing { priceRange { start { gross { amount } } } }
      variants { id quantityAvailable }
    } }
  }
}"""
ERRORS = "errors { field code message }"
CHECKOUT_FIELDS = (
    "checkout { id token totalPrice { gross { amount } }"
    " deliveryGroups { vendor { id } availableDeliveryMethods { id price { amount } } } }"
)
HREF = re.compile(r'href="(/(?:product|category)/[^"/]+/)"')


class Catalogue:
    """Product slugs and variants in stock, fetched once per locust process and shared."""

    _lock = threading.Lock()
    products: list[dict[str, Any]] | None = None

    @classmethod
    def load(cls, user: HttpUser) -> list[dict[str, Any]]:
        with cls._lock:
            if cls.products is None:
                response = user.client.post(
                    "/graphql/",
                    json={"query": PRODUCTS_QUERY, "variables": {"first": 100}},
                    name="graphql products(first: 100)",
                )
                edges = response.json()["data"]["products"]["edges"]
                cls.products = [edge["node"] for edge in edges]
            return cls.products


def graphql(user: HttpUser, name: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """POST a GraphQL operation; a response with top-level or mutation errors counts as failed."""
    with user.client.post(
        "/graphql/",
        json={"query": query, "variables": variables},
        name=f"graphql {name}",
        catch_response=True,
        headers=getattr(user, "auth_headers", {}),
    ) as response:
        try:
            payload: dict[str, Any] = response.json()
        except ValueError:
            response.failure(f"HTTP {response.status_code}, not JSON")
            return {}
        data = payload.get("data") or {}
        errors = payload.get("errors") or [
            error
            for result in data.values()
            if isinstance(result, dict)
            for error in result.get("errors") or []
        ]
        if errors:
            response.failure(str(errors)[:300])
        return data


class ShopperBrowsing(HttpUser):
    weight = 6
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.catalogue = Catalogue.load(self)
        self.client.headers["Accept-Language"] = "th"

    @task(4)
    def home(self) -> None:
        response = self.client.get("/", name="page /")
        links = HREF.findall(response.text or "")
        if links:
            self.client.get(random.choice(links), name="page /(product|category)/<slug>/ from home")

    @task(4)
    def product_page(self) -> None:
        product = random.choice(self.catalogue)
        self.client.get(f"/product/{product['slug']}/", name="page /product/<slug>/")

    @task(3)
    def search_page_thai(self) -> None:
        self.client.get(
            "/search/", params={"q": random.choice(THAI_QUERIES)}, name="page /search/?q=<thai>"
        )

    @task(1)
    def search_page_english(self) -> None:
        self.client.get(
            "/search/",
            params={"q": random.choice(ENGLISH_QUERIES)},
            name="page /search/?q=<english>",
        )

    @task(2)
    def search_graphql_thai(self) -> None:
        graphql(
            self,
            "products(search: <thai>)",
            PRODUCTS_QUERY,
            {"first": 20, "search": random.choice(THAI_QUERIES)},
        )


class ShopperBuying(HttpUser):
    weight = 2
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.catalogue = Catalogue.load(self)

    @task
    def buy_with_cash_on_delivery(self) -> None:
        in_stock = [
            (product, variant)
            for product in self.catalogue
            for variant in product["variants"]
            if variant["quantityAvailable"] > 2
        ]
        if not in_stock:
            return
        picks = random.sample(in_stock, k=min(2, len(in_stock)))
        email = f"load-{uuid.uuid4().hex[:12]}@example.com"
        lines = [{"variantId": variant["id"], "quantity": 1} for _, variant in picks]
        data = graphql(
            self,
            "checkoutCreate",
            f"""
            mutation($input: CheckoutCreateInput!) {{
              checkoutCreate(input: $input) {{ {ERRORS} {CHECKOUT_FIELDS} }} }}""",
            {"input": {"email": email, "lines": lines, "languageCode": "TH"}},
        )
        checkout = (data.get("checkoutCreate") or {}).get("checkout")
        if not checkout:
            return
        token = checkout["token"]
        graphql(
            self,
            "checkoutShippingAddressUpdate",
            f"""
            mutation($token: UUID, $address: AddressInput!) {{
              checkoutShippingAddressUpdate(token: $token, shippingAddress: $address) {{
                {ERRORS} }} }}""",
            {"token": token, "address": ADDRESS},
        )
        for group in checkout["deliveryGroups"]:
            methods = [m for m in group["availableDeliveryMethods"] if m["price"] is not None]
            if not methods:
                continue
            graphql(
                self,
                "checkoutDeliveryMethodUpdate",
                f"""
                mutation($token: UUID, $vendor: ID!, $method: ID!) {{
                  checkoutDeliveryMethodUpdate(token: $token, vendorId: $vendor,
                                               deliveryMethodId: $method) {{ {ERRORS} }} }}""",
                {"token": token, "vendor": group["vendor"]["id"], "method": methods[0]["id"]},
            )
        data = graphql(
            self,
            "checkoutComplete",
            f"""
            mutation($token: UUID) {{
              checkoutComplete(token: $token) {{ {ERRORS} order {{ number }} }} }}""",
            {"token": token},
        )
        order = (data.get("checkoutComplete") or {}).get("order")
        if not order:
            return
        graphql(
            self,
            "orderPaymentInitialize(CASH_ON_DELIVERY)",
            f"""
            mutation($number: String, $email: String) {{
              orderPaymentInitialize(gateway: CASH_ON_DELIVERY, number: $number, email: $email) {{
                {ERRORS} payment {{ chargeStatus }} }} }}""",
            {"number": order["number"], "email": email},
        )


class Artisan(HttpUser):
    weight = 1
    wait_time = between(2, 6)

    def on_start(self) -> None:
        email = os.environ.get("KAD_ARTISAN_EMAIL", "artisan@kad.example")
        password = os.environ.get("KAD_ARTISAN_PASSWORD", "kad-demo-artisan")
        data = graphql(
            self,
            "tokenCreate",
            f"""
            mutation($email: String!, $password: String!) {{
              tokenCreate(email: $email, password: $password) {{ {ERRORS} token }} }}""",
            {"email": email, "password": password},
        )
        token = (data.get("tokenCreate") or {}).get("token")
        self.auth_headers = {"Authorization": f"Bearer {token}"} if token else {}
        me = graphql(self, "me", "{ me { email } }", {})
        # The portal signs in with the storefront's sign-in page (a session cookie).
        page = self.client.get("/account/login/", name="page /account/login/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text or "")
        if csrf:
            self.client.post(
                "/account/login/",
                data={
                    "csrfmiddlewaretoken": csrf.group(1),
                    "email": email,
                    "password": password,
                    "next": "/vendor/",
                },
                headers={"Referer": f"{self.host}/account/login/"},
                name="page POST /account/login/",
            )
        self.email = (me.get("me") or {}).get("email", "")

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/vendor/", name="portal /vendor/")

    @task(3)
    def own_products(self) -> None:
        self.client.get("/vendor/products/", name="portal /vendor/products/")

    @task(1)
    def money(self) -> None:
        self.client.get("/vendor/money/", name="portal /vendor/money/")

    @task(2)
    def me_and_orders(self) -> None:
        graphql(
            self,
            "me { orders }",
            """
            { me { email orders(first: 20) { edges { node { number status } } } } }""",
            {},
        )


class PageUser(HttpUser):
    """One page at a time, as fast as possible (closed loop): for the storefront benchmark."""

    wait_time = constant(0)
    # Only when selected by name on the command line.
    weight = 0 if os.environ.get("KAD_BENCH_PATHS") is None else 1

    @task
    def page(self) -> None:
        paths = os.environ["KAD_BENCH_PATHS"].split(" ")
        path = random.choice(paths)
        self.client.get(path, name=os.environ.get("KAD_BENCH_NAME", path))
