using System.Net.Http.Headers;
using System.Text;

namespace Platform.Tests.Operations;

/// <summary>A Silo process's own HTTP endpoint: health, metrics, and the dashboard behind the admin check.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class SiloEndpointTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_silo_and_an_Api_node_serve_health_metrics_and_an_admin_only_dashboard()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var cluster = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans__ClusterId"] = $"endpoint-{Guid.NewGuid():N}",
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Operator__Username"] = "admin",
            ["Operator__Password"] = "s3cret-password",
            ["Operator__Token"] = "operator-token",
        };
        var siloEnvironment = PlatformProcess.WithOwnPorts(cluster);
        siloEnvironment["Silo__Urls"] = url;
        await using var silo = PlatformProcess.Start("Silo", siloEnvironment);
        await silo.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var ready = await http.GetStringAsync("/health/ready");
        Assert.Contains("\"cluster\"", ready);
        Assert.Contains("\"storage\"", ready);
        Assert.Contains("\"kafka\"", ready);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        await Eventually.True(async () => (await http.GetStringAsync("/metrics")).Contains("orleans_"), TimeSpan.FromSeconds(30),
            () => "no Orleans meter on the silo's /metrics");

        var refused = await http.GetAsync("/dashboard/");
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Basic", refused.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "/dashboard/", "Basic", Basic("admin", "wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/dashboard/", "Basic", Basic("admin", "s3cret-password"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/dashboard/", "Bearer", "operator-token")).StatusCode);

        var apiUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var api = PlatformProcess.Start("Api", cluster, "--urls", apiUrl);
        await api.WaitUntilReadyAsync($"{apiUrl}/health/ready", StartTimeout);
        using var apiHttp = new HttpClient { BaseAddress = new Uri(apiUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiHttp.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(apiHttp, "/dashboard/", "Bearer", "operator-token")).StatusCode);
    }

    [Fact]
    public async Task The_embedded_default_serves_the_dashboard_on_the_Api_to_the_holder_of_its_generated_token()
    {
        using var data = new TempDirectory();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var api = PlatformProcess.Start("Api",
            PlatformProcess.WithOwnPorts(new Dictionary<string, string> { ["Storage__DataDirectory"] = data.Path }), "--urls", url);
        await api.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
        var tokenFile = Path.Combine(data.Path, Silo.Operations.OperatorCredentials.TokenFileName);
        Assert.Contains(tokenFile, api.Output);

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard/")).StatusCode);
        var dashboard = await GetAsync(http, "/dashboard/", "Bearer", (await File.ReadAllTextAsync(tokenFile)).Trim());
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("text/html", dashboard.Content.Headers.ContentType?.ToString());
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string scheme, string parameter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, parameter);
        return await http.SendAsync(request);
    }

    private static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
