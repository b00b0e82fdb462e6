/**
 * The pages of the device login at the stand-in's `/ui/v1/device` (where identity domains send users to
 * enter a device code): enter the code, confirm or deny it, then sign in; a last page says it worked.
 * oidc-provider renders them through these hooks and supplies the forms (with their CSRF field).
 */
import { escapeHtml } from "./http-util.js";

interface PageContext {
  type: string;
  body: unknown;
}

export const devicePages = {
  userCodeInputSource: async (
    ctx: PageContext,
    form: string,
    _out: unknown,
    error?: { name?: string; userCode?: string },
  ) => {
    const message = error
      ? error.userCode || error.name === "NoCodeError"
        ? "That code is not valid. Try again."
        : "The sign-in could not continue. Try again."
      : "Enter the code shown on your device.";
    render(
      ctx,
      "Device Sign In",
      `<p id="${error ? "error" : "message"}">${message}</p>${form.replace('name="user_code"', 'id="user-code" name="user_code"')}<button id="continue" type="submit" form="op.deviceInputForm">Continue</button>`,
    );
  },
  userCodeConfirmSource: async (
    ctx: PageContext,
    form: string,
    _client: unknown,
    _device: unknown,
    userCode: string,
  ) => {
    render(
      ctx,
      "Confirm Device",
      `<p>Sign in on the device showing <code id="shown-code">${escapeHtml(userCode)}</code>?</p>${form}<button id="confirm" type="submit" form="op.deviceConfirmForm">Continue</button> <button id="deny" type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Deny</button>`,
    );
  },
  successSource: async (ctx: PageContext) => {
    render(ctx, "Device Signed In", `<p id="done">Your device is signed in. You can close this page.</p>`);
  },
};

function render(ctx: PageContext, title: string, body: string): void {
  ctx.type = "html";
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
