using System.Net.Http.Headers;
using System.Text;
using Silo.Operations;

namespace Platform.Tests.Operations;

/// <summary>Operator endpoints need an operator credential in every mode; the embedded default generates one and keeps it.</summary>
public sealed class OperatorAccessTests
{
    private static readonly string[] OperatorGets = ["/dashboard/", "/api/pipeline/dlq", "/console"];

    [Fact]
    public async Task The_embedded_default_generates_a_private_token_keeps_it_across_restarts_and_refuses_everyone_else()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.Path, ["Operator:Token"] = "" };
        var tokenFile = Path.Combine(data.Path, OperatorCredentials.TokenFileName);
        string token;
        await using (var api = new ApiFactory(settings))
        {
            var client = api.CreateClient();
            await AssertClosedAsync(client);
            Assert.True(File.Exists(tokenFile));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
            token = (await File.ReadAllTextAsync(tokenFile)).Trim();
            Assert.True(token.Length >= 40, token);

            await AssertOpenAsync(client, new AuthenticationHeaderValue("Bearer", token));
            // A browser cannot send a bearer token: the token as basic's password, under any user name or none.
            await AssertOpenAsync(client, Basic("", token));
            await AssertOpenAsync(client, Basic("anyone", token));
            client.DefaultRequestHeaders.Authorization = new("Bearer", token + "x");
            await AssertClosedAsync(client);
            client.DefaultRequestHeaders.Authorization = Basic("anyone", token + "x");
            await AssertClosedAsync(client);
        }

        await using var restarted = new ApiFactory(settings);
        Assert.Equal(token, (await File.ReadAllTextAsync(tokenFile)).Trim());
        await AssertOpenAsync(restarted.CreateClient(), new AuthenticationHeaderValue("Bearer", token));
    }

    [Theory]
    [InlineData("Operator")]
    [InlineData("Dashboard")]
    public async Task Configured_basic_credentials_open_the_operator_endpoints_under_either_section(string section)
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Operator:Token"] = "",
            [$"{section}:Username"] = "ops",
            [$"{section}:Password"] = "s3cret-password",
        });
        var client = api.CreateClient();
        await AssertOpenAsync(client, Basic("ops", "s3cret-password"));
        client.DefaultRequestHeaders.Authorization = Basic("ops", "wrong");
        await AssertClosedAsync(client);
        client.DefaultRequestHeaders.Authorization = Basic("ops", "s3cret-password");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/pipeline/dlq/replay", null)).StatusCode);
    }

    [Fact]
    public async Task Cluster_mode_without_credentials_keeps_the_operator_endpoints_closed()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans:HostSilo"] = "true",
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Operator:Token"] = "",
        });
        var client = api.CreateClient();
        await AssertClosedAsync(client);
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.TestOperatorToken);
        await AssertClosedAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/pipeline/stats")).StatusCode);
    }

    private static async Task AssertClosedAsync(HttpClient client)
    {
        foreach (var path in OperatorGets)
        {
            var response = await client.GetAsync(path);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
        await (await client.PostAsync("/api/pipeline/dlq/replay", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task AssertOpenAsync(HttpClient client, AuthenticationHeaderValue credential)
    {
        client.DefaultRequestHeaders.Authorization = credential;
        foreach (var path in OperatorGets)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
