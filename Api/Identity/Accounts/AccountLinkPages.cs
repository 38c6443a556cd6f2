using System.Security.Cryptography;
using System.Text;
using Api.Identity.Mail;

namespace Api.Identity.Accounts;

/// <summary>
/// What a mail's link opens when no front end serves its path (<c>Auth:PublicBaseUrl</c> is this node): a small page
/// that posts the link's token when the person asks, never on load — mail scanners that follow links must not spend
/// it. The token stays on the page: no referrer leaves it, and nothing is cached.
/// </summary>
public static class AccountLinkPages
{
    private const string Script = """
        const token = new URLSearchParams(location.search).get('token') ?? '';
        const form = document.querySelector('form');
        const result = document.getElementById('result');
        form.addEventListener('submit', async event => {
          event.preventDefault();
          const body = { token };
          for (const input of form.querySelectorAll('input[name]')) body[input.name] = input.value;
          const again = document.getElementById('again');
          if (again && again.value !== form.new_password.value) { result.textContent = 'The two passwords differ.'; return; }
          const response = await fetch(form.dataset.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
          if (response.ok) { result.textContent = form.dataset.done; form.hidden = true; return; }
          const problem = await response.json().catch(() => ({}));
          result.textContent = Object.values(problem.errors ?? {}).flat()[0] ?? problem.detail ?? 'That did not work.';
        });
        """;

    private static readonly string ScriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));

    public static IEndpointRouteBuilder MapAccountLinkPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(AccountMessages.VerificationPath, () => Page("Verify your email address", AccountMessages.VerificationPath,
                "Your email address is verified.", """<button type="submit">Verify</button>"""))
            .WithName("VerifyEmailPage")
            .WithSummary("The page a verification mail links to: it posts the link's token when the person clicks")
            .WithTags("Auth")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        app.MapGet(AccountMessages.PasswordResetPath, () => Page("Choose a new password", AccountMessages.PasswordResetPath,
                "Your password is set. Sign in with it.", """
                <label>New password <input type="password" name="new_password" autocomplete="new-password" minlength="8" maxlength="128" required></label>
                <label>Again <input type="password" id="again" autocomplete="new-password" required></label>
                <button type="submit">Set password</button>
                """))
            .WithName("ResetPasswordPage")
            .WithSummary("The page a reset mail links to: a new-password form that posts with the link's token")
            .WithTags("Auth")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        return app;
    }

    private static IResult Page(string title, string endpoint, string done, string fields) => new PageResult($"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title}</title>
        <style>body{"{"}font:16px system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem{"}"}label,button{"{"}display:block;margin:.8rem 0{"}"}input{"{"}display:block;width:100%;padding:.4rem{"}"}</style>
        </head><body>
        <h1>{title}</h1>
        <form data-endpoint="{endpoint}" data-done="{done}">{fields}</form>
        <p id="result" role="status"></p>
        <script>{Script}</script>
        </body></html>
        """);

    private sealed class PageResult(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = $"default-src 'none'; script-src 'sha256-{ScriptHash}'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(html);
        }
    }
}
