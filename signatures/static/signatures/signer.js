/* The browser signer: one interface, sign(bytes) -> CMS (both Uint8Array), with pluggable adapters.
 *
 *   import { signerFor } from "./signer.js";
 *   const cms = await signerFor("ncalayer").sign(payloadBytes);
 *
 * - NCALayerSigner: the national NCALayer application on the user's machine, over its local WebSocket
 *   (wss://127.0.0.1:13579, module kz.gov.pki.knca.commonUtils, method createCAdESFromBase64 with a detached
 *   signature): the user picks his key storage and enters his PIN in NCALayer itself.
 * - SoftwareSigner: development and the demo only. The server signs with the demo key it holds for a demo
 *   user (POST /api/v1/signatures/demo-sign/); production turns it off.
 *
 * Messages for people go through Django's JavaScript catalogue (/jsi18n/, loaded as an external script before
 * this module: signatures/_signer_head.html); without it they stay in English.
 */

export function gettext(message) {
  return typeof globalThis.gettext === "function" ? globalThis.gettext(message) : message;
}

export function interpolate(format, values) {
  if (typeof globalThis.interpolate === "function") return globalThis.interpolate(format, values, true);
  return format.replace(/%\((\w+)\)s/g, (match, name) => String(values[name]));
}

export function toBase64(bytes) {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

export function fromBase64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export class SignerError extends Error {}

export class NCALayerSigner {
  constructor({ url = "wss://127.0.0.1:13579/", storage = "PKCS12" } = {}) {
    this.url = url;
    this.storage = storage;
  }

  sign(bytes) {
    return new Promise((resolve, reject) => {
      let socket;
      try {
        socket = new WebSocket(this.url);
      } catch (error) {
        reject(new SignerError(gettext("NCALayer is not running on this computer.")));
        return;
      }
      socket.onerror = () => reject(new SignerError(gettext("NCALayer is not running on this computer.")));
      socket.onopen = () => {
        socket.send(
          JSON.stringify({
            module: "kz.gov.pki.knca.commonUtils",
            method: "createCAdESFromBase64",
            args: [this.storage, "SIGNATURE", toBase64(bytes), false],
          })
        );
      };
      socket.onmessage = (event) => {
        const answer = JSON.parse(event.data);
        if (answer.result && answer.result.version) return; // the greeting
        socket.close();
        if (String(answer.code) === "200" && answer.responseObject) {
          resolve(fromBase64(answer.responseObject));
        } else {
          reject(new SignerError(answer.message || gettext("NCALayer refused to sign.")));
        }
      };
    });
  }
}

export class SoftwareSigner {
  constructor({ url = "/api/v1/signatures/demo-sign/", csrfToken = "" } = {}) {
    this.url = url;
    this.csrfToken = csrfToken;
  }

  async sign(bytes) {
    const response = await fetch(this.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrfToken },
      body: JSON.stringify({ payload: toBase64(bytes) }),
    });
    const body = await response.json();
    if (!response.ok) throw new SignerError(body.message || gettext("The software signer refused."));
    return fromBase64(body.cms);
  }
}

export function signerFor(name, options = {}) {
  if (name === "software") return new SoftwareSigner(options);
  if (name === "ncalayer") return new NCALayerSigner(options);
  throw new SignerError(interpolate(gettext("No signer “%(name)s”."), { name }));
}
