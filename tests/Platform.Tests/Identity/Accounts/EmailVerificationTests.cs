using System.Text.Json;
using Grains.Interfaces.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Identity.Accounts;

public sealed class EmailVerificationTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private readonly HttpClient _client = fixture.Api.CreateClient();

    [Fact]
    public async Task Signup_mails_a_link_whose_token_verifies_the_email_once()
    {
        var user = await TestUsers.SignUpAsync(_client);
        Assert.False((await MeAsync(user)).GetProperty("email_verified").GetBoolean());

        var mail = await fixture.Mail.WaitForAsync(user.Email, AccountMails.VerificationSubject);
        var link = AccountMails.Link(mail);
        Assert.StartsWith(AccountsFixture.PublicBaseUrl + "/auth/verify-email?token=", link.ToString());
        Assert.Equal("accounts@platform.test", mail.From.Mailboxes.Single().Address);

        var verified = await _client.PostAsJsonAsync("/auth/verify-email", new { token = AccountMails.Token(mail) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True((await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email_verified").GetBoolean());
        Assert.True((await MeAsync(user)).GetProperty("email_verified").GetBoolean());

        var again = await _client.PostAsJsonAsync("/auth/verify-email", new { token = AccountMails.Token(mail) });
        await again.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_resent_link_replaces_the_earlier_one()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var first = await fixture.Mail.WaitForAsync(user.Email, AccountMails.VerificationSubject);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var resend = await fixture.Api.CreateClient(user.AccessToken).PostAsync("/auth/verify-email/resend", null);
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        var second = await fixture.Mail.WaitForAsync(user.Email, AccountMails.VerificationSubject, count: 2);

        await (await _client.PostAsJsonAsync("/auth/verify-email", new { token = AccountMails.Token(first) })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/auth/verify-email", new { token = AccountMails.Token(second) })).StatusCode);
    }

    [Fact]
    public async Task An_address_gets_at_most_one_mail_of_a_kind_a_minute()
    {
        var user = await TestUsers.SignUpAsync(_client);
        await fixture.Mail.WaitForAsync(user.Email, AccountMails.VerificationSubject);
        var account = fixture.Api.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(user.Id);

        Assert.Null(await account.IssueEmailVerificationAsync());
        Assert.NotNull(await account.IssuePasswordResetAsync());
        Assert.Null(await account.IssuePasswordResetAsync());

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await account.IssueEmailVerificationAsync());
        Assert.NotNull(await account.IssuePasswordResetAsync());
    }

    [Fact]
    public async Task A_link_expires_after_24_hours()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var mail = await fixture.Mail.WaitForAsync(user.Email, AccountMails.VerificationSubject);
        Assert.Contains("within 24 hours", mail.TextBody);

        fixture.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        await (await _client.PostAsJsonAsync("/auth/verify-email", new { token = AccountMails.Token(mail) })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var login = await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password });
        var accessToken = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        Assert.False((await fixture.Api.CreateClient(accessToken).GetFromJsonAsync<JsonElement>("/auth/me")).GetProperty("email_verified").GetBoolean());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"token":""}""")]
    [InlineData("""{"token":"not-a-token"}""")]
    [InlineData("""{"token":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    public async Task A_bad_token_is_400(string body)
    {
        var response = await _client.PostAsync("/auth/verify-email", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Resending_needs_a_signed_in_user()
    {
        var response = await _client.PostAsync("/auth/verify-email/resend", null);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task<JsonElement> MeAsync(TestUser user) =>
        await fixture.Api.CreateClient(user.AccessToken).GetFromJsonAsync<JsonElement>("/auth/me");
}
