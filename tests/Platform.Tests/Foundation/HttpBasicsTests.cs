namespace Platform.Tests.Foundation;

public sealed class HttpBasicsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Liveness_answers_200_json()
    {
        var response = await _client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Readiness_reports_cluster_and_storage_healthy()
    {
        var body = await Eventually.Until(
            async () => (await _client.GetAsync("/health/ready")) is { StatusCode: HttpStatusCode.OK } ok ? await ok.Content.ReadAsStringAsync() : null,
            b => b is not null, TimeSpan.FromSeconds(30), "readiness");
        Assert.Contains("\"cluster\"", body);
        Assert.Contains("\"storage\"", body);
        Assert.Contains("Sqlite", body);
    }

    [Theory]
    [InlineData("/no/such/route")]
    [InlineData("/api/nothing-here/")]
    public async Task Unknown_route_is_a_404_problem(string path)
    {
        var response = await _client.GetAsync(path);
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem()
    {
        var response = await _client.DeleteAsync("/openapi/v1.json");
        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Declared_body_over_one_mebibyte_is_a_413_problem()
    {
        var content = new ByteArrayContent(new byte[1024 * 1024 + 1]);
        content.Headers.ContentType = new("application/json");
        var response = await _client.PostAsync("/openapi/v1.json", content);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/live/")]
    [InlineData("/openapi/v1.json/")]
    public async Task Paths_work_with_and_without_trailing_slash(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_and_reference_page_are_served()
    {
        var document = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("\"openapi\"", await document.Content.ReadAsStringAsync());

        var page = await _client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_are_served_in_Prometheus_text_format()
    {
        await _client.GetAsync("/health/live");
        var response = await _client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
    }

}
