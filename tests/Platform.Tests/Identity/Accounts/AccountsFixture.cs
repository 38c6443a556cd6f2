using Microsoft.AspNetCore.Mvc.Testing;

namespace Platform.Tests.Identity.Accounts;

/// <summary>The Api sending its mail to a real SMTP server, on a clock the tests move (mail links expire in hours).</summary>
public sealed class AccountsFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://accounts.platform.test";

    public AccountsFixture()
    {
        var settings = Mail.Settings;
        settings["Auth:PublicBaseUrl"] = PublicBaseUrl;
        Api = new ApiFactory(IdentityApiFactory.Settings(settings), clock: Clock);
    }

    public MailCatcher Mail { get; } = new();

    public TestClock Clock { get; } = new();

    public WebApplicationFactory<Program> Api { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
