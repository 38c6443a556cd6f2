namespace Platform.Tests.Foundation;

/// <summary>
/// The builds the Dockerfiles make (<c>dotnet publish</c>, done by tests/run.sh into <c>PLATFORM_TEST_PUBLISHED</c>),
/// started as an operator would: from another working directory, as an unprivileged user.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PublishedBuildTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static string Published(string project) =>
        Path.Combine(Environment.GetEnvironmentVariable("PLATFORM_TEST_PUBLISHED")
            ?? throw new InvalidOperationException("PLATFORM_TEST_PUBLISHED is not set: run the suite with tests/run.sh, which publishes both projects."), project);

    [Fact]
    public async Task The_published_Api_started_elsewhere_by_an_unprivileged_user_reads_its_own_settings_and_keeps_data_in_its_working_directory()
    {
        using var workingDirectory = new TempDirectory();
        // World-writable, so the unprivileged user can create the data folder there.
        File.SetUnixFileMode(workingDirectory.Path, (UnixFileMode)0x1FF);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = PlatformProcess.WithOwnPorts(new Dictionary<string, string> { ["HOME"] = workingDirectory.Path });
        await using var api = PlatformProcess.Start(Path.Combine(Published("Api"), "Api.dll"), workingDirectory.Path, asUnprivilegedUser: true, environment, "--urls", url);

        await api.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/posts")).StatusCode);
        await Identity.TestUsers.SignUpAsync(http);

        Assert.True(File.Exists(Path.Combine(workingDirectory.Path, "data", "platform.db")), api.Output);
        // appsettings.json beside the program quiets ASP.NET Core's per-request lines; framework defaults would log each.
        Assert.DoesNotContain("Request starting", api.Output);
        // Nor does Orleans placement's resilience pipeline say "Execution attempt" for every grain call.
        Assert.DoesNotContain("Execution attempt", api.Output);
        Assert.Contains($"Now listening on: {url}", api.Output);
    }

    [Fact]
    public async Task The_published_Silo_joins_PostgreSQL_and_answers_ready()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = PlatformProcess.WithOwnPorts(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans__ClusterId"] = $"published-{Guid.NewGuid():N}",
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Silo__Urls"] = url,
        });
        await using var silo = PlatformProcess.Start(Path.Combine(Published("Silo"), "Silo.dll"), Published("Silo"), asUnprivilegedUser: true, environment);

        await silo.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
        Assert.DoesNotContain("Request starting", silo.Output);
    }
}
