using System.Text.Json;

namespace Platform.Tests.Identity.Accounts;

/// <summary>The links of the account mails, followed as people follow them: in a real browser, from a real SMTP server's mail.</summary>
public sealed class AccountLinkPageTests
{
    [Fact]
    public async Task The_links_open_pages_that_verify_the_email_and_set_a_new_password_in_a_browser()
    {
        await using var mail = new MailCatcher();
        // No Auth:PublicBaseUrl: links point at the address the node listens on.
        await using var api = new ApiFactory(IdentityApiFactory.Settings(mail.Settings), kestrel: true);
        var client = api.CreateKestrelClient();
        var user = await TestUsers.SignUpAsync(client);

        var verification = AccountMails.Link(await mail.WaitForAsync(user.Email, AccountMails.VerificationSubject));
        Assert.Equal(api.Address!.Authority, verification.Authority);
        // A mail scanner fetching the link spends nothing.
        var scanned = await client.GetAsync(verification);
        Assert.Equal("text/html", scanned.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-referrer", scanned.Headers.GetValues("Referrer-Policy").Single());

        var verified = await BrowserPage.OpenAsync(verification, ["Your email address is verified."], [new { click = "button" }]);
        Assert.Empty(verified.ConsoleErrors);
        Assert.True(verified.Found["Your email address is verified."], $"The page did not confirm; failed: {string.Join(", ", verified.Failed)}");
        var me = await api.CreateClient(user.AccessToken).GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.True(me.GetProperty("email_verified").GetBoolean());

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/auth/password/forgot", new { email = user.Email })).StatusCode);
        var reset = AccountMails.Link(await mail.WaitForAsync(user.Email, AccountMails.ResetSubject));
        const string chosen = "chosen in a browser, long enough";
        var set = await BrowserPage.OpenAsync(reset, ["Your password is set."],
            [new { type = "input[name=new_password]", text = chosen }, new { type = "#again", text = chosen }, new { click = "button" }]);
        Assert.Empty(set.ConsoleErrors);
        Assert.True(set.Found["Your password is set."], $"The page did not confirm; failed: {string.Join(", ", set.Failed)}");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = chosen })).StatusCode);
    }
}
