/* Forms that need the user's signature: <form data-sign-payload="URL" data-signer="software|ncalayer"> with a
 * hidden input name="signature". On submit (after confirm.js asked), fetch the exact bytes to sign, sign them
 * with the chosen adapter, put the CMS (base64) in the hidden input and submit. A failure is shown in the form
 * and nothing is sent. */
import { fromBase64, signerFor, toBase64 } from "./signer.js";

function showError(form, message) {
  let box = form.querySelector(".sign-error");
  if (!box) {
    box = document.createElement("p");
    box.className = "errorlist sign-error";
    box.setAttribute("role", "alert");
    form.prepend(box);
  }
  box.textContent = message;
}

async function signAndSubmit(form) {
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
  // A choice that changes what is signed (the court's outcome) is part of the action: court-outcome:denied.
  const choice = form.querySelector("input[name=outcome]:checked, select[name=outcome]");
  const url = form.dataset.signPayload + (choice && choice.value ? `:${encodeURIComponent(choice.value)}` : "");
  const response = await fetch(url, { credentials: "same-origin" });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || response.statusText);
  const signer = signerFor(form.dataset.signer, { csrfToken: csrf ? csrf.value : "" });
  const cms = await signer.sign(fromBase64(body.payload));
  form.querySelector("input[name=signature]").value = toBase64(cms);
  form.submit();
}

for (const form of document.querySelectorAll("form[data-sign-payload]")) {
  form.addEventListener("submit", (event) => {
    const field = form.querySelector("input[name=signature]");
    if (!form.dataset.signer || !field || field.value) return;
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    signAndSubmit(form).catch((error) => {
      if (button) button.disabled = false;
      showError(form, error.message);
    });
  });
}
