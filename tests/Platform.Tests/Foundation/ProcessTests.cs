namespace Platform.Tests.Foundation;

/// <summary>The platform as operators run it: real processes on loopback ports.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class ProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Embedded_default_is_ready_within_30_seconds_even_in_Production()
    {
        using var data = new TempDirectory();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var api = PlatformProcess.Start("Api", PlatformProcess.WithOwnPorts(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__DataDirectory"] = data.Path,
        }), "--urls", url);

        await api.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{url}/openapi/v1.json")).StatusCode);
        Assert.Contains($"Now listening on: {url}", api.Output);
    }

    [Fact]
    public async Task The_embedded_default_keeps_its_state_across_two_runs_of_the_Api_process()
    {
        using var data = new TempDirectory();
        var environment = PlatformProcess.WithOwnPorts(new Dictionary<string, string> { ["Storage__DataDirectory"] = data.Path });
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        string postId, token;
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        await using (var first = PlatformProcess.Start("Api", environment, "--urls", url))
        {
            await first.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
            token = (await Identity.TestUsers.SignUpAsync(http)).AccessToken;
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = JsonContent.Create(new { title = "Kept" }) };
            create.Headers.Authorization = new("Bearer", token);
            var created = await (await http.SendAsync(create)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            postId = created.GetProperty("id").GetString()!;
            await first.StopAsync(StartTimeout);
        }

        await using var second = PlatformProcess.Start("Api", environment, "--urls", url);
        await second.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
        var post = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/posts/{postId}");
        Assert.Equal("Kept", post.GetProperty("title").GetString());
        // The generated token keys were kept too: the first run's token still opens /auth/me.
        using var me = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        me.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(me)).StatusCode);
    }

    [Fact]
    public async Task Silo_and_Api_processes_form_a_cluster_on_PostgreSQL()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans__ClusterId"] = $"proc-{Guid.NewGuid():N}",
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
        };
        await using var silo = PlatformProcess.Start("Silo", PlatformProcess.WithOwnPorts(environment));
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var api = PlatformProcess.Start("Api", environment, "--urls", url);

        await api.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
        using var http = new HttpClient();
        var ready = await http.GetStringAsync($"{url}/health/ready");
        Assert.Contains("1 active silo", ready);
        Assert.Contains("PostgreSql", ready);
        Assert.False(silo.HasExited, silo.Output);
    }
}
