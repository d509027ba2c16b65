/* Forms that need the user's signature: <form data-sign-payload="URL" data-signer="software|ncalayer"> with a
 * hidden input name="signature". On submit (after confirm.js asked), fetch the exact bytes to sign, sign them
 * with the chosen adapter, put the CMS (base64) in the hidden input and submit. A failure is shown in the form
 * and nothing is sent.
 *
 * data-sign-method="post": the bytes depend on what the user typed (a complaint's answer, the record of a
 * personal explanation), so the form itself is POSTed to the URL, which answers the bytes for exactly that
 * content; when the form is not valid yet (400 with "fields"), it is sent unsigned and the page shows the
 * field errors as usual. */
import { fromBase64, gettext, signerFor, toBase64 } from "./signer.js";

class InvalidForm extends Error {}

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

async function bytesToSign(form, csrfToken) {
  let response;
  if (form.dataset.signMethod === "post") {
    const data = new FormData(form);
    data.delete("signature");
    response = await fetch(form.dataset.signPayload, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken },
      body: data,
    });
  } else {
    // A choice that changes what is signed (the court's outcome) is part of the action: court-outcome:denied.
    const choice = form.querySelector("input[name=outcome]:checked, select[name=outcome]");
    const url = form.dataset.signPayload + (choice && choice.value ? `:${encodeURIComponent(choice.value)}` : "");
    response = await fetch(url, { credentials: "same-origin" });
  }
  let body = {};
  try {
    body = await response.json();
  } catch (error) {
    throw new Error(gettext("The server did not give the bytes to sign."));
  }
  if (response.status === 400 && body.fields && Object.keys(body.fields).length) throw new InvalidForm();
  if (!response.ok) throw new Error(body.message || gettext("The server did not give the bytes to sign."));
  return fromBase64(body.payload);
}

async function signAndSubmit(form) {
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
  const csrfToken = csrf ? csrf.value : "";
  let payload;
  try {
    payload = await bytesToSign(form, csrfToken);
  } catch (error) {
    if (error instanceof InvalidForm) {
      form.submit(); // unsigned: the server answers with the form's errors
      return;
    }
    throw error;
  }
  const signer = signerFor(form.dataset.signer, { csrfToken });
  const cms = await signer.sign(payload);
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
      showError(form, error.message || gettext("Signing failed."));
    });
  });
}
