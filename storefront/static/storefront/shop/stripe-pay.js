// Card payment with Stripe.js (loaded only on the payment page, only with a publishable key).
// Reads its settings from data attributes: no inline script, so the CSP can forbid them.
(function () {
  "use strict";
  var root = document.getElementById("stripe-payment");
  if (!root || typeof window.Stripe !== "function") {
    return;
  }
  var stripe = window.Stripe(root.dataset.publishableKey, { locale: root.dataset.locale || "th" });
  var elements = stripe.elements({ clientSecret: root.dataset.clientSecret });
  var paymentElement = elements.create("payment");
  paymentElement.mount("#payment-element");
  var form = document.getElementById("stripe-form");
  var message = document.getElementById("stripe-message");
  var button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    stripe
      .confirmPayment({ elements: elements, confirmParams: { return_url: root.dataset.returnUrl } })
      .then(function (result) {
        if (result.error) {
          message.textContent = result.error.message || root.dataset.genericError;
          button.disabled = false;
        }
      });
  });
})();
